# Cross build of the host library for linux-arm64 with Debian's gcc-aarch64-linux-gnu:
#   cmake -S kernels-native -B build/native-linux-arm64 -DCMAKE_TOOLCHAIN_FILE=kernels-native/cmake/aarch64-linux-gnu.cmake -DKWS_BUILD_TESTS=OFF
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
