"""No models of its own: reports read the other apps."""
