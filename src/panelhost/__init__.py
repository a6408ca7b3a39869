"""panelhost: run live group interviews from the terminal."""
