using System;
using KwsNano.Firmware;
using KwsNano.Interop;

namespace KwsNano.App.Stm32
{
    /// <summary>
    /// I2S microphone captured by native code (STM32: ChibiOS I2S driver with circular DMA, see
    /// docs/custom-firmware.md). nanoFramework has no managed I2S on STM32, so the interop assembly exposes
    /// CaptureStart / CaptureRead / CaptureStop. Frames have the same 32-bit stereo layout as on ESP32.
    /// </summary>
    public class NativeCaptureMicrophone : IMicrophone
    {
        /// <summary>Longest wait for one chunk before the read is reported as failed.</summary>
        public const int ReadTimeoutMs = 1000;

        private readonly BoardProfile _board;
        private bool _started;

        /// <summary>Creates the microphone for <paramref name="board"/>.</summary>
        public NativeCaptureMicrophone(BoardProfile board)
        {
            _board = board;
        }

        /// <inheritdoc/>
        public int BufferFrames
        {
            get { return _board.I2sBufferBytes / 8; }
        }

        /// <inheritdoc/>
        public void Start()
        {
            int status = KwsEngine.CaptureStart(_board.SampleRate, BufferFrames);
            if (status < 0)
            {
                throw new InvalidOperationException("native capture: " + KwsEngine.GetStatusText(status));
            }
            _started = true;
            MicrophoneStartup.DiscardSettlingAudio(this, _board);
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int frameCount)
        {
            if (!_started)
            {
                throw new InvalidOperationException("microphone not started");
            }
            int got = KwsEngine.CaptureRead(buffer, frameCount, ReadTimeoutMs);
            if (got < 0)
            {
                throw new InvalidOperationException("native capture: " + KwsEngine.GetStatusText(got));
            }
            return got;
        }

        /// <inheritdoc/>
        public void Stop()
        {
            if (_started)
            {
                KwsEngine.CaptureStop();
                _started = false;
            }
        }
    }
}
