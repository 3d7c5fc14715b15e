#!/usr/bin/env bash
# Placeholder: the native backend's build lands with the native backend.
echo "native/build.sh: native backend not built yet"
