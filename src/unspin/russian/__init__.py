"""Reading Russian text: helpers the Russian analysis builds on (issue 20)."""
