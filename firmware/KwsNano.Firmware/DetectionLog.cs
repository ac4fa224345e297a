namespace KwsNano.Firmware
{
    /// <summary>
    /// Formats the serial log (docs/serial-log.md). Every line starts with "KWS ", then a record type, then
    /// space-separated key=value fields; times are integers in microseconds since boot.
    /// </summary>
    public class DetectionLog
    {
        /// <summary>Prefix of every line.</summary>
        public const string Prefix = "KWS ";

        private readonly ILineWriter _out;

        /// <summary>Creates a log writing to <paramref name="output"/>.</summary>
        public DetectionLog(ILineWriter output)
        {
            _out = output;
        }

        /// <summary>
        /// Start-up line: board, model source, stream geometry, and the inference interval in hops with how it
        /// was set ("auto": chosen from the calibration times <paramref name="calNetworkUs"/> and
        /// <paramref name="calFrontendUs"/>, which are printed; "config": the configuration's value).
        /// </summary>
        public static string FormatBoot(long timeUs, string board, string model, int classes, int hopMs, int windowMs, int chunkMs,
            int interval, bool auto, int calNetworkUs, int calFrontendUs)
        {
            string line = Prefix + "BOOT t_us=" + timeUs.ToString() + " board=" + board + " model=" + model
                + " classes=" + classes.ToString() + " hop_ms=" + hopMs.ToString() + " window_ms=" + windowMs.ToString()
                + " chunk_ms=" + chunkMs.ToString() + " interval=" + interval.ToString() + " interval_by=" + (auto ? "auto" : "config");
            if (auto)
            {
                line = line + " cal_inf_us=" + calNetworkUs.ToString() + " cal_fe_us=" + calFrontendUs.ToString();
            }
            return line;
        }

        /// <summary>
        /// One detection: GPIO edge time, keyword, smoothed score, latency from the end of the keyword's audio
        /// window to the GPIO edge, and the network and front-end times of the last hop.
        /// </summary>
        public static string FormatDetection(long edgeUs, string keyword, float score, long latencyUs, int inferenceUs, int frontendUs)
        {
            return Prefix + "DET t_us=" + edgeUs.ToString() + " kw=" + keyword + " score=" + TextFormat.Fixed3(score)
                + " lat_us=" + latencyUs.ToString() + " inf_us=" + inferenceUs.ToString() + " fe_us=" + frontendUs.ToString();
        }

        /// <summary>Periodic statistics since boot.</summary>
        public static string FormatStats(long timeUs, RunStats stats, uint freeBytes)
        {
            return Prefix + "STAT t_us=" + timeUs.ToString() + " inf=" + stats.Inferences.ToString()
                + " det=" + stats.Detections.ToString() + " lat_mean_us=" + stats.MeanLatencyUs.ToString()
                + " lat_max_us=" + stats.MaxLatencyUs.ToString() + " overruns=" + stats.Overruns.ToString()
                + " errors=" + stats.Errors.ToString() + " free=" + freeBytes.ToString();
        }

        /// <summary>An audio overrun (samples lost; the stream was reset).</summary>
        public static string FormatOverrun(long timeUs, int overruns)
        {
            return Prefix + "OVR t_us=" + timeUs.ToString() + " overruns=" + overruns.ToString();
        }

        /// <summary>An error: where it happened (one token), the status and its text (rest of the line).</summary>
        public static string FormatError(long timeUs, string where, int status, string text)
        {
            return Prefix + "ERR t_us=" + timeUs.ToString() + " where=" + where + " status=" + status.ToString() + " text=" + text;
        }

        /// <summary>Writes a formatted line.</summary>
        public void Write(string line)
        {
            _out.WriteLine(line);
        }
    }
}
