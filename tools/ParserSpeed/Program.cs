using System.Diagnostics;
using Verbatim.Benchmarks;
using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Readers;

// Usage: dotnet run --project tools/ParserSpeed -c Release -- [MODEL] [CORPUS_DIR...]
// The dependency parser alone over documents already tokenized, split and POS-tagged (the PolNeAR train texts by
// default): several rounds of passes on one thread, process CPU time (user+sys), the best round reported.
var model = args.Length > 0 && File.Exists(args[0]) ? args[0] : null;
var inputs = args.Skip(model is null ? 0 : 1).ToArray();
if (inputs.Length == 0) inputs = ["../shared/data/polnear/train"];
DependencyParser parser;
if (model is null) parser = DependencyParser.Default ?? throw new InvalidOperationException("no shipped dependency parser");
else { using var s = File.OpenRead(model); parser = DependencyParser.Load(s); }
var corpus = BenchCorpus.Load(inputs, new ReaderOptions { Date = new DateOnly(2016, 1, 1) });
var tagging = new PipelineBuilder().Add(new TokenizerStage()).Add(new SentenceStage()).Add(new PosStage(PosTagger.Default!)).Build();
var docs = corpus.Articles.Select(tagging.Run).ToArray();
long tokens = docs.Sum(d => (long)d.Tokens.Count);

var self = Process.GetCurrentProcess();
double Cpu() { self.Refresh(); return self.TotalProcessorTime.TotalSeconds; }
double Pass()
{
    double t0 = Cpu();
    foreach (var d in docs) parser.Parse(d);
    return Cpu() - t0;
}

Pass(); // warm up
double best = double.MaxValue;
int rounds = 5;
for (int r = 0; r < rounds; r++) best = Math.Min(best, Pass());
Console.WriteLine($"{docs.Length} articles, {corpus.Words} words ({tokens} tokens, {docs.Sum(d => d.Sentences.Count)} sentences); best of {rounds} passes, one thread, process CPU time:");
Console.WriteLine($"  dependency parser alone: {best:0.000} s = {corpus.Words / best:N0} words per CPU second ({tokens / best:N0} tokens per CPU second)");
