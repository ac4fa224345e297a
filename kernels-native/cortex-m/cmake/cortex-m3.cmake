# Toolchain file for Cortex-M3 (see arm-none-eabi.cmake).
set(KWS_CM_CPU m3)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
