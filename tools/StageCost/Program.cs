using Verbatim;
using Verbatim.Benchmarks;
using Verbatim.Pipeline;
using Verbatim.Readers;

// Usage: dotnet run --project tools/StageCost -c Release -- [--passes N] [CORPUS_DIR...]
// CPU time (this thread's, user+sys) and bytes allocated by each stage of the default pipeline over the corpus, one thread,
// after a warm-up pass; the best pass per stage (the least disturbed by other processes on a shared machine).
int passes = 5;
var inputs = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--passes") passes = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
    else inputs.Add(args[i]);
}
if (inputs.Count == 0) inputs.AddRange(["../shared/data/polnear/train", "../shared/data/polnear/dev"]);
var corpus = BenchCorpus.Load(inputs, new ReaderOptions { Date = new DateOnly(2016, 1, 1) });

var stages = new List<IStage> { new TokenizerStage(), new SentenceStage() };
if (Verbatim.Learning.PosTagger.Default is { } pos) stages.Add(new Verbatim.Learning.PosStage(pos));
stages.Add(new Verbatim.Quotes.QuotationFinder());
stages.Add(new Verbatim.Cues.CueFinder(Verbatim.Cues.CueLexicon.Default));
if (Verbatim.Learning.ContentTagger.Default?.Cues is { } cueTagger) stages.Add(new Verbatim.Learning.LearnedCueStage(cueTagger));
stages.Add(new Verbatim.Quotes.AttributionFinder());
if (Verbatim.Learning.ContentTagger.Default is { } content) stages.Add(new Verbatim.Learning.LearnedContentStage(content));
stages.Add(new Verbatim.Speakers.SpeakerResolver());
stages.Add(new Verbatim.Dates.TimeExpressionStage());
stages.Add(new Verbatim.Dates.UtteredDateResolver());
stages.Add(new Verbatim.Quotes.QuoteAssembler());
var names = stages.Select(s => s.Name).ToArray();
if (!names.SequenceEqual(VerbatimPipeline.Default.StageNames))
    throw new InvalidOperationException($"stage list differs from the default pipeline: {string.Join(",", names)} / {string.Join(",", VerbatimPipeline.Default.StageNames)}");

int n = stages.Count + 2;   // + new Document, + ToExtraction
var best = Enumerable.Repeat(long.MaxValue, n).ToArray();
var bytes = new long[n];
long bestTotal = long.MaxValue;
for (int p = 0; p <= passes; p++)
{
    var cpu = new long[n];
    var alloc = new long[n];
    long t0All = ThreadCpu.Now();
    foreach (var a in corpus.Articles)
    {
        long t = ThreadCpu.Now(), b = GC.GetAllocatedBytesForCurrentThread();
        var doc = new Document(a);
        long t2 = ThreadCpu.Now(), b2 = GC.GetAllocatedBytesForCurrentThread();
        cpu[0] += t2 - t; alloc[0] += b2 - b; t = t2; b = b2;
        for (int s = 0; s < stages.Count; s++)
        {
            stages[s].Run(doc);
            t2 = ThreadCpu.Now(); b2 = GC.GetAllocatedBytesForCurrentThread();
            cpu[s + 1] += t2 - t; alloc[s + 1] += b2 - b; t = t2; b = b2;
        }
        GC.KeepAlive(doc.ToExtraction());
        t2 = ThreadCpu.Now(); b2 = GC.GetAllocatedBytesForCurrentThread();
        cpu[n - 1] += t2 - t; alloc[n - 1] += b2 - b;
    }
    long total = ThreadCpu.Now() - t0All;
    if (p == 0) continue;   // warm-up
    bestTotal = Math.Min(bestTotal, total);
    for (int s = 0; s < n; s++) { best[s] = Math.Min(best[s], cpu[s]); bytes[s] = alloc[s]; }
}
var labels = new[] { "document" }.Concat(names).Append("to-extraction").ToArray();
double sum = best.Sum();
Console.WriteLine($"{corpus.Articles.Count} articles, {corpus.Words:#,0} words; best of {passes} passes, thread CPU time");
Console.WriteLine($"{"stage",-16} {"ms",9} {"share",7} {"ns/word",9} {"MB alloc",10} {"B/word",8}");
for (int s = 0; s < n; s++)
    Console.WriteLine($"{labels[s],-16} {best[s] / 1e6,9:0.0} {best[s] / sum,7:P1} {(double)best[s] / corpus.Words,9:0.0} {bytes[s] / 1e6,10:0.0} {(double)bytes[s] / corpus.Words,8:0.0}");
Console.WriteLine($"{"sum of bests",-16} {sum / 1e6,9:0.0} {"",7} {sum / corpus.Words,9:0.0} {bytes.Sum() / 1e6,10:0.0} {(double)bytes.Sum() / corpus.Words,8:0.0}");
Console.WriteLine($"best whole pass (incl. timer calls): {bestTotal / 1e6:0.0} ms = {corpus.Words / (bestTotal / 1e9):#,0} words per CPU second");
