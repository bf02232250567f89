using System.Diagnostics;
using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary>The named-entity part of <c>verbatim train</c>: word clusters, gazetteer, then the tagger on CoNLL-2003 train.</summary>
internal static class EntityTraining
{
    public static int Run(string conllTrain, string outFile, int epochs, int holdoutEvery, bool wikiann, TextWriter log)
    {
        if (!File.Exists(conllTrain))
        {
            log.WriteLine($"train: no {conllTrain} (CoNLL-2003 train): the entity tagger is not trained");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var sharedData = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(conllTrain))!, "..", ".."));
        var warnings = new List<string>();
        var all = ConllCorpus.Load(conllTrain, warnings: warnings);
        foreach (var w in warnings.Take(5)) log.WriteLine("train: warning: " + w);
        var train = new List<EntityDocument>();
        var held = new List<ConllDocument>();
        for (int i = 0; i < all.Count; i++)
            if (holdoutEvery > 0 && i % holdoutEvery == holdoutEvery - 1) held.Add(all[i]);
            else train.Add(all[i].Document);
        log.WriteLine($"train: entities: {train.Count} documents, {train.Sum(d => d.Tokens.Length)} tokens" + (held.Count > 0 ? $" ({held.Count} held out)" : ""));

        var wikiannTrain = Path.Combine(sharedData, "ner", "wikiann_en", "train");
        var lexicon = BuildLexicon(sharedData, train, wikiann && File.Exists(wikiannTrain) ? wikiannTrain : null, line => log.WriteLine("train: " + line));
        log.WriteLine($"train: lexicon ready in {clock.Elapsed.TotalSeconds:F1} s");

        var model = EntityTaggerTrainer.Train(train, lexicon, epochs, log: line => log.WriteLine("train: entities " + line));
        if (held.Count > 0)
        {
            var report = NerScorer.Evaluate(held, model.Tag);
            log.WriteLine($"train: held-out CoNLL train documents: P {report.Overall.Precision:F4} R {report.Overall.Recall:F4} F1 {report.Overall.F1:F4}");
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var file = File.Create(outFile)) model.Save(file);
        log.WriteLine($"train: wrote {outFile} ({new FileInfo(outFile).Length / 1024} KiB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Clusters from CoNLL train, PolNeAR train texts and WikiANN train sentences; gazetteer from ../shared/data/gazetteers.</summary>
    public static EntityLexicon BuildLexicon(string sharedData, IReadOnlyList<EntityDocument> conllTrain, string? wikiannTrain, Action<string> log)
    {
        var texts = new List<EntityDocument>(conllTrain);
        var polnear = Path.Combine(sharedData, "polnear", "train", "text");
        if (Directory.Exists(polnear))
        {
            var tokens = new PipelineBuilder().Add(new TokenizerStage()).Add(new SentenceStage()).Build();
            foreach (var file in Directory.EnumerateFiles(polnear, "*.txt").Order(StringComparer.Ordinal))
            {
                var doc = tokens.Run(new Article(Path.GetFileNameWithoutExtension(file), null, File.ReadAllText(file)));
                texts.Add(new EntityDocument(doc.Text, doc.Tokens.ToArray(), doc.Sentences.ToArray()));
            }
        }
        else log($"no {polnear}: clusters without PolNeAR texts");
        var wikiann = Path.Combine(sharedData, "ner", "wikiann_en", "train");
        if (File.Exists(wikiann)) texts.AddRange(ConllCorpus.Load(wikiann, _ => null).Select(d => d.Document));
        var clusters = WordClusterer.Build(texts, log: log);
        var gazetteer = EntityGazetteer.Build(sharedData, wikiannTrain, log);
        return new EntityLexicon(clusters, gazetteer);
    }
}
