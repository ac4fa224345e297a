# CMake toolchain file: bare-metal 32-bit RISC-V with Debian's riscv64-unknown-elf-gcc (multilib) and
# picolibc (semihosting stdio). Core: -DKWS_RV_CPU=rv32imc (default, ESP32-C3/C6 class). See ../README.md.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv32)

if(NOT KWS_RV_CPU)
  set(KWS_RV_CPU rv32imc)
endif()
set(KWS_RV_CPU "${KWS_RV_CPU}" CACHE STRING "RISC-V core: rv32imc")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES KWS_RV_CPU)

find_program(KWS_RV_GCC riscv64-unknown-elf-gcc)
if(NOT KWS_RV_GCC)
  message(FATAL_ERROR "riscv64-unknown-elf-gcc not found: install gcc-riscv64-unknown-elf and picolibc-riscv64-unknown-elf (scripts/setup.sh)")
endif()
get_filename_component(_kws_rv_bin "${KWS_RV_GCC}" DIRECTORY)

set(CMAKE_C_COMPILER "${_kws_rv_bin}/riscv64-unknown-elf-gcc")
set(CMAKE_ASM_COMPILER "${_kws_rv_bin}/riscv64-unknown-elf-gcc")
set(CMAKE_AR "${_kws_rv_bin}/riscv64-unknown-elf-ar" CACHE FILEPATH "")
set(CMAKE_RANLIB "${_kws_rv_bin}/riscv64-unknown-elf-ranlib" CACHE FILEPATH "")
set(CMAKE_OBJCOPY "${_kws_rv_bin}/riscv64-unknown-elf-objcopy" CACHE FILEPATH "")
set(CMAKE_SIZE "${_kws_rv_bin}/riscv64-unknown-elf-size" CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

if(KWS_RV_CPU STREQUAL "rv32imc")
  # GCC 12 picks the rv32im/ilp32 picolibc multilib for -march=rv32imc (it has none for an ISA
  # string with _zicsr). The support code's CSR instructions enable Zicsr one by one
  # (.option arch, +zicsr).
  set(_kws_rv_flags "-march=rv32imc -mabi=ilp32")
else()
  message(FATAL_ERROR "KWS_RV_CPU must be rv32imc (got '${KWS_RV_CPU}')")
endif()

set(CMAKE_C_FLAGS_INIT "${_kws_rv_flags} --specs=picolibc.specs -ffunction-sections -fdata-sections")
set(CMAKE_ASM_FLAGS_INIT "${_kws_rv_flags}")
# (CMake passes the C flags, with --specs=picolibc.specs, to the link step too.)
# crt0-hosted: exit(main()) (the default crt0 spins after main).
set(CMAKE_EXE_LINKER_FLAGS_INIT "--oslib=semihost --crt0=hosted -Wl,--gc-sections")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
