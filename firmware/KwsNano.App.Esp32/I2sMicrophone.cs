using System;
using KwsNano.Firmware;
using System.Device.I2s;
using nanoFramework.Hardware.Esp32;

namespace KwsNano.App.Esp32
{
    /// <summary>
    /// INMP441-style I2S microphone on an ESP32 through System.Device.I2s: master receiver, 32-bit stereo
    /// frames (the DMA format), I2S framing, <see cref="BoardProfile.SampleRate"/>. The driver buffer is sized
    /// by the board profile to cover the longest native call; the first ~256 ms (microphone start-up) are read
    /// and dropped.
    /// </summary>
    public class I2sMicrophone : IMicrophone
    {
        private readonly BoardProfile _board;
        private I2sDevice _device;

        /// <summary>Creates the microphone for <paramref name="board"/> (pins are mapped on <see cref="Start"/>).</summary>
        public I2sMicrophone(BoardProfile board)
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
            // No I2S pins are mapped by default on ESP32: map them before creating the device.
            Configuration.SetPinFunction(_board.I2sBckPin, DeviceFunction.I2S1_BCK);
            Configuration.SetPinFunction(_board.I2sWsPin, DeviceFunction.I2S1_WS);
            Configuration.SetPinFunction(_board.I2sDataInPin, DeviceFunction.I2S1_MDATA_IN);

            I2sConnectionSettings settings = new I2sConnectionSettings(_board.I2sBus);
            settings.Mode = I2sMode.Master | I2sMode.Rx; // exactly Master|Rx, or the data-in pin is not attached
            settings.BitsPerSample = I2sBitsPerSample.Bit32;
            settings.ChannelFormat = I2sChannelFormat.RightLeft;
            settings.CommunicationFormat = I2sCommunicationFormat.I2S;
            settings.SampleRate = _board.SampleRate;
            settings.BufferSize = _board.I2sBufferBytes;
            _device = new I2sDevice(settings);

            MicrophoneStartup.DiscardSettlingAudio(this, _board);
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int frameCount)
        {
            if (_device == null)
            {
                throw new InvalidOperationException("microphone not started");
            }
            _device.Read(new SpanByte(buffer, 0, frameCount * 8));
            return frameCount;
        }

        /// <inheritdoc/>
        public void Stop()
        {
            if (_device != null)
            {
                _device.Dispose();
                _device = null;
            }
        }
    }
}
