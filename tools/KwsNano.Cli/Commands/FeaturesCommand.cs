using System.CommandLine;
using KwsNano.Audio;
using KwsNano.Cli.Plotting;
using KwsNano.Cli.Rendering;
using KwsNano.IO;

namespace KwsNano.Cli.Commands;

/// <summary><c>kwsnano features FILE.wav --model M [--csv] [--float] [--image out.svg|out.png|out.pgm]</c>: the model input of a clip.</summary>
public static class FeaturesCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(ICliConsole console)
    {
        var file = new Argument<string>("file") { Description = "A 16 kHz 16-bit PCM WAV file (its first window is used)." };
        var model = new Option<string>("--model", "-m") { Description = "A .kwsm, a .tflite (converted on the fly) or a catalog model id; its front-end descriptor decides the features.", Required = true };
        var csv = new Option<bool>("--csv") { Description = "CSV output (frame,c0,c1,...)." };
        var asFloat = new Option<bool>("--float") { Description = "Print the MFCC floats instead of the quantised int8 model input." };
        var image = new Option<string?>("--image") { Description = "Also write the int8 features as an image: .svg or .png (autoscaled colour map, time in ms), or .pgm (raw grey levels, value + 128)." };
        var engine = ChoiceList.Of(new Option<string?>("--engine") { Description = "interpreter: use the C# front-end even when libkwsnano is present." }, ChoiceList.Engines);
        var mirror = new Option<string?>("--mirror") { Description = "Folder with the catalog model files (for a catalog id)." };
        var cache = new Option<string?>("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };
        var command = new Command("features", "Print the MFCC features (the model's int8 input) of a WAV clip.");
        command.Arguments.Add(file);
        foreach (var o in new Option[] { model, csv, asFloat, image, engine, mirror, cache })
        {
            command.Options.Add(o);
        }
        command.SetAction(parse => Run(console, parse.GetValue(file)!, parse.GetValue(model)!, parse.GetValue(csv), parse.GetValue(asFloat),
            parse.GetValue(image), parse.GetValue(engine), parse.GetValue(mirror), parse.GetValue(cache)));
        return command;
    }

    /// <summary>Prints the features of <paramref name="file"/> and writes the image; the image path is checked before any work.</summary>
    public static int Run(ICliConsole console, string file, string model, bool csv, bool asFloat, string? image, string? engine, string? mirror, string? cache)
    {
        string? imagePath = image;
        string ext = imagePath == null ? "" : Path.GetExtension(imagePath).ToLowerInvariant();
        if (imagePath != null && ext is not (".svg" or ".png" or ".pgm"))
        {
            throw new CliException($"--image {imagePath}: the file name must end in .svg, .png or .pgm (the extension chooses the image format)");
        }
        if (imagePath != null)
        {
            FileChecks.RequireOutputFile(imagePath, "--image");
        }
        var session = AudioModelSession.Open(model, mirror, cache,
            AudioModelSession.ParseEngine(engine), console);
        string path = file;
        var audio = session.ReadWav(path);
        var fe = session.Loaded.Model.Frontend;
        using var extractor = new FeatureExtractor(fe, session.NativeFrontend);
        sbyte[] q = extractor.Compute(audio.Samples);
        float[]? f = asFloat ? extractor.ComputeFloat(audio.Samples) : null;
        FeaturesTableRenderer.Render(console.Out, fe.NumFrames, fe.NumCoeffs, q, f, csv);
        if (imagePath != null)
        {
            CliModelSource.Guard(() =>
            {
                if (ext != ".pgm")
                {
                    FeaturePlot.Create(q, fe.NumFrames, fe.NumCoeffs, 1000.0 * fe.FrameHop / fe.SampleRate, 1000.0 * fe.FrameLength / fe.SampleRate,
                        $"{Path.GetFileName(path)}: {fe.Preset}, {fe.NumFrames} x {fe.NumCoeffs} int8 ({session.Name})").Save(imagePath);
                }
                else
                {
                    File.WriteAllBytes(imagePath, FeatureImage.Pgm(q, fe.NumFrames, fe.NumCoeffs));
                }
                return 0;
            });
            console.Error.WriteLine($"wrote {imagePath}");
        }
        return 0;
    }
}
