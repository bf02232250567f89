using System.CommandLine;
using System.Diagnostics;
using Verbatim.Fuzzing;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim fuzz [--seconds N] [--seed N] [--max-bytes N]</c>: hostile input through the readers and the pipeline for a
/// bounded time; prints each finding with the kind and seed that reproduce it, and exits 1 when there is one.
/// </summary>
internal static class FuzzCommand
{
    public static Command Create()
    {
        var seconds = new Option<int>("--seconds") { Description = "How long to run.", DefaultValueFactory = _ => 60 };
        var seed = new Option<int>("--seed") { Description = "The first seed (inputs are reproducible from kind and seed).", DefaultValueFactory = _ => 1 };
        var maxBytes = new Option<int>("--max-bytes") { Description = "The largest input to generate.", DefaultValueFactory = _ => 10 * 1024 * 1024 };
        var command = new Command("fuzz", "Run generated hostile input (broken UTF-8, quotation-mark soup, huge lines, bad JSON, impossible dates) through the readers and the pipeline for a bounded time, checking that nothing crashes, hangs or points outside the text.");
        command.Options.Add(seconds);
        command.Options.Add(seed);
        command.Options.Add(maxBytes);
        command.SetAction(parse => Run(parse.GetValue(seconds), parse.GetValue(seed), parse.GetValue(maxBytes), Console.Out));
        return command;
    }

    public static int Run(int seconds, int firstSeed, int maxBytes, TextWriter output)
    {
        var fuzzer = new Fuzzer(VerbatimPipeline.Default);
        var kinds = HostileInputs.Kinds.ToArray();
        var clock = Stopwatch.StartNew();
        int inputs = 0, findings = 0;
        long bytes = 0, peakRssMb = 0;
        for (int seed = firstSeed; clock.Elapsed.TotalSeconds < seconds; seed++)
        {
            foreach (var kind in kinds)
            {
                // The huge inputs are costly: one in twenty rounds.
                if (kind is "huge-line" or "million-marks" && seed % 20 != 0) continue;
                var input = HostileInputs.Make(kind, seed, maxBytes);
                inputs++;
                bytes += input.Bytes.Length;
                if (fuzzer.Check(input) is { } finding)
                {
                    findings++;
                    output.WriteLine($"finding: {finding.Kind} seed {finding.Seed}: {finding.Problem}");
                }
                if (clock.Elapsed.TotalSeconds >= seconds) break;
            }
            peakRssMb = Math.Max(peakRssMb, Environment.WorkingSet / (1024 * 1024));
        }
        output.WriteLine($"fuzz: {inputs} inputs, {bytes / (1024 * 1024)} MiB, {findings} findings in {clock.Elapsed.TotalSeconds:F0} s; peak working set {peakRssMb} MiB");
        return findings == 0 ? 0 : 1;
    }
}
