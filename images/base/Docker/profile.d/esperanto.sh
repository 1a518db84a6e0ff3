# Sourced by the entrypoint: marks the environment as an esperanto container.
export ESPERANTO_CONTAINER=1
