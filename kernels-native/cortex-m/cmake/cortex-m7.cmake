# Toolchain file for Cortex-M7 (see arm-none-eabi.cmake).
set(KWS_CM_CPU m7)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
