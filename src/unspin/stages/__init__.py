"""The stages, one job each. They know nothing of the pipeline or of each other: a stage
reads what earlier stages assigned to the ``Analysis``. ``unspin.registry`` lists them."""
