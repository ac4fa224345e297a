# Cross build of the host library for win-x64 (libkwsnano.dll) with Debian's gcc-mingw-w64-x86-64:
#   cmake -S kernels-native -B build/native-win-x64 -DCMAKE_TOOLCHAIN_FILE=kernels-native/cmake/x86_64-w64-mingw32.cmake -DKWS_BUILD_TESTS=OFF
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
