# CMake toolchain file: bare-metal Arm Cortex-M with the GNU Arm Embedded toolchain (arm-none-eabi-gcc)
# and newlib. Pick the core with -DKWS_CM_CPU=m4|m7|m3|m0plus (default m4), or use one of the
# cortex-*.cmake wrappers next to this file. Flags per core: ../shared/docs/cortex-m-qemu.md.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

if(NOT KWS_CM_CPU)
  set(KWS_CM_CPU m4)
endif()
set(KWS_CM_CPU "${KWS_CM_CPU}" CACHE STRING "Cortex-M core: m4, m7, m3 or m0plus")
# try_compile projects re-read this file; pass the core on.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES KWS_CM_CPU)

find_program(KWS_ARM_GCC arm-none-eabi-gcc)
if(NOT KWS_ARM_GCC)
  message(FATAL_ERROR "arm-none-eabi-gcc not found: install gcc-arm-none-eabi and libnewlib-arm-none-eabi (scripts/setup.sh)")
endif()
get_filename_component(_kws_arm_bin "${KWS_ARM_GCC}" DIRECTORY)

set(CMAKE_C_COMPILER "${_kws_arm_bin}/arm-none-eabi-gcc")
set(CMAKE_ASM_COMPILER "${_kws_arm_bin}/arm-none-eabi-gcc")
set(CMAKE_AR "${_kws_arm_bin}/arm-none-eabi-ar" CACHE FILEPATH "")
set(CMAKE_RANLIB "${_kws_arm_bin}/arm-none-eabi-ranlib" CACHE FILEPATH "")
set(CMAKE_OBJCOPY "${_kws_arm_bin}/arm-none-eabi-objcopy" CACHE FILEPATH "")
set(CMAKE_SIZE "${_kws_arm_bin}/arm-none-eabi-size" CACHE FILEPATH "")
# No host executables can be linked without a linker script: test the compiler with a static library.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

if(KWS_CM_CPU STREQUAL "m4")
  set(_kws_cpu_flags "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard")
elseif(KWS_CM_CPU STREQUAL "m7")
  set(_kws_cpu_flags "-mcpu=cortex-m7 -mfpu=fpv5-d16 -mfloat-abi=hard")
elseif(KWS_CM_CPU STREQUAL "m3")
  set(_kws_cpu_flags "-mcpu=cortex-m3 -mfloat-abi=soft")
elseif(KWS_CM_CPU STREQUAL "m0plus")
  set(_kws_cpu_flags "-mcpu=cortex-m0plus -mfloat-abi=soft")
else()
  message(FATAL_ERROR "KWS_CM_CPU must be m4, m7, m3 or m0plus (got '${KWS_CM_CPU}')")
endif()

set(CMAKE_C_FLAGS_INIT "${_kws_cpu_flags} -mthumb -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${_kws_cpu_flags} -mthumb")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_kws_cpu_flags} -mthumb -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
