# Source lists of the native engine, shared by every build (host library, tests, Cortex-M, firmware).
set(KWS_NATIVE_DIR ${CMAKE_CURRENT_LIST_DIR})

# MFCC front-end, streaming pipeline, I2S conversion (src/frontend/).
set(KWS_FRONTEND_SOURCES
  ${KWS_NATIVE_DIR}/src/frontend/kws_fft.c
  ${KWS_NATIVE_DIR}/src/frontend/kws_frontend.c
  ${KWS_NATIVE_DIR}/src/frontend/kws_stream.c
  ${KWS_NATIVE_DIR}/src/frontend/kws_i2s.c
)
