using System.Diagnostics;
using Verbatim.Benchmarks;
using Verbatim.Dates;
using Verbatim.Pipeline;
using Verbatim.Readers;

// Usage: dotnet run --project tools/TimeStageCost -c Release -- CORPUS_DIR...
// Interleaves whole-pipeline passes with and without the time stage (one thread), several rounds, and reports the best
// pass of each (the least disturbed by other processes), plus the time stage alone over pre-tokenized documents.
var inputs = args.Length > 0 ? args : ["../shared/data/polnear/train", "../shared/data/polnear/dev"];
var corpus = BenchCorpus.Load(inputs, new ReaderOptions { Date = new DateOnly(2016, 1, 1) });
var with = VerbatimPipeline.Default;
// The default pipeline with every stage but the time stage (the learned content stage included when it ships).
var withoutBuilder = new PipelineBuilder().UseRuleStages();
if (Verbatim.Learning.ContentTagger.Default is { } tagger) withoutBuilder.Add(new Verbatim.Learning.LearnedContentStage(tagger));
var without = withoutBuilder.Add(new Verbatim.Speakers.SpeakerResolver()).Add(new UtteredDateResolver())
    .Add(new Verbatim.Quotes.QuoteAssembler()).Build();
if (with.StageNames.Count != without.StageNames.Count + 1 || !with.StageNames.Except(without.StageNames).SequenceEqual(["times"]))
    throw new InvalidOperationException($"the pipelines differ by more than the time stage: {string.Join(",", with.StageNames)} / {string.Join(",", without.StageNames)}");

// Pre-tokenized documents for the stage alone.
var docs = corpus.Articles.Select(a =>
{
    var d = new Document(a);
    new TokenizerStage().Run(d);
    new SentenceStage().Run(d);
    return d;
}).ToArray();
var stage = new TimeExpressionStage();

// Process CPU time, not wall time: on a machine shared with other work, time spent descheduled is not counted.
var self = Process.GetCurrentProcess();
double Cpu() { self.Refresh(); return self.TotalProcessorTime.TotalSeconds; }

double Pass(VerbatimPipeline p)
{
    double t0 = Cpu();
    foreach (var a in corpus.Articles) p.Extract(a);
    return corpus.Words / (Cpu() - t0);
}

double StagePass()
{
    double t0 = Cpu();
    for (int k = 0; k < 4; k++)
        foreach (var d in docs) stage.Run(d);
    return 4 * corpus.Words / (Cpu() - t0);
}

Pass(with); Pass(without); StagePass(); // warm up
double bestWith = 0, bestWithout = 0, bestStage = 0;
int rounds = 8;
for (int r = 0; r < rounds; r++)
{
    bestWithout = Math.Max(bestWithout, Pass(without));
    bestWith = Math.Max(bestWith, Pass(with));
    bestStage = Math.Max(bestStage, StagePass());
}
int expressions = docs.Sum(d => d.Times.Count);
Console.WriteLine($"{corpus.Articles.Count} articles, {corpus.Words} words, {expressions} time expressions; best of {rounds} interleaved passes, one thread, words per CPU second:");
Console.WriteLine($"  extract without the time stage: {bestWithout:0} words/s");
Console.WriteLine($"  extract with the time stage:    {bestWith:0} words/s  ({(bestWith / bestWithout - 1) * 100:+0.0;-0.0}%)");
Console.WriteLine($"  the time stage alone:           {bestStage:0} words/s  (≈{100 * bestWithout / bestStage:0.0}% of extract's time)");
