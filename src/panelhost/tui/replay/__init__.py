"""`panelhost replay`: play a session transcript back, with the live views' widgets."""
