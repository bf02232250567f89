using System.CommandLine;
using System.Diagnostics;
using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim train [--polnear DIR] [--out FILE] [--epochs N] [--skip-every N]</c>: trains the content tagger on
/// PolNeAR train and, in the same file, its boundary ranker (on tags from five taggers each trained without a fifth of
/// the articles), deterministically (fixed order, no randomness), and writes the model the library ships.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var polnear = new Option<string>("--polnear") { Description = "The PolNeAR train split (text/ and attributions/).", DefaultValueFactory = _ => "../shared/data/polnear/train" };
        var output = new Option<string>("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => "src/Verbatim/Resources/content-tagger.bin" };
        // 15 passes scored above 10 on both kept-back fifths of train (attributions F1 +0.001, content exact +0.001) once three runs are averaged.
        var epochs = new Option<int>("--epochs") { Description = "Passes of the content tagger over PolNeAR train.", DefaultValueFactory = _ => 15 };
        var skipEvery = new Option<int>("--skip-every") { Description = "Leave out every Nth article (to tune on them); 0 keeps all.", DefaultValueFactory = _ => 0 };
        var skipOffset = new Option<int>("--skip-offset") { Description = "With --skip-every N: which articles to leave out, those whose index modulo N is this (default N-1; another offset gives another tuning slice).", DefaultValueFactory = _ => -1 };
        var conll = new Option<string>("--conll") { Description = "CoNLL-2003 train for the entity tagger.", DefaultValueFactory = _ => "../shared/data/ner/conll2003_en/train.txt" };
        var nerOutput = new Option<string>("--ner-out") { Description = "Where to write the entity model.", DefaultValueFactory = _ => "src/Verbatim/Resources/entity-tagger.bin" };
        var nerEpochs = new Option<int>("--ner-epochs") { Description = "Passes over CoNLL train.", DefaultValueFactory = _ => EntityDefaults.Epochs };
        var nerHoldout = new Option<int>("--ner-holdout") { Description = "Leave out every Nth CoNLL train document and score the entity tagger on them; 0 keeps all.", DefaultValueFactory = _ => 0 };
        var nerWikiann = new Option<bool>("--ner-wikiann") { Description = "Add WikiANN train entity names to the entity gazetteer.", DefaultValueFactory = _ => EntityDefaults.Wikiann };
        var only = new Option<string?>("--only") { Description = "Train one model only: content, accurate (the accurate mode's content model), entities or dependencies (the POS tagger is trained, or with --reuse-pos loaded, for all but entities)." };
        only.AcceptOnlyFromAmong("content", "accurate", "entities", "dependencies");
        var ud = new Option<string>("--ud") { Description = "The UD English EWT folder (en_ewt-ud-train.conllu.gz) for the POS tagger.", DefaultValueFactory = _ => "../shared/data/ud_english_ewt" };
        var posOut = new Option<string>("--pos-out") { Description = "Where to write the POS tagger.", DefaultValueFactory = _ => "src/Verbatim/Resources/pos-tagger.bin" };
        var posEpochs = new Option<int>("--pos-epochs") { Description = "Passes over UD train for the POS tagger.", DefaultValueFactory = _ => 10 };
        var cuesOut = new Option<string?>("--cues-out") { Description = "Where to write the learned cue table mined from the PolNeAR articles trained on (default: Resources/learned-cue-phrases.tsv, or next to --out as NAME.cues.tsv with --skip-every)." };
        var reusePos = new Option<bool>("--reuse-pos") { Description = "Do not retrain the POS tagger: load it from --pos-out." };
        var depOut = new Option<string>("--dep-out") { Description = "Where to write the dependency parser.", DefaultValueFactory = _ => "src/Verbatim/Resources/dependency-parser.bin" };
        var depEpochs = new Option<int>("--dep-epochs") { Description = "Passes over the treebanks for the dependency parser.", DefaultValueFactory = _ => DependencyDefaults.Epochs };
        var corenlp = new Option<string>("--corenlp") { Description = "The polnear-corenlp train folder (*.tsv.gz; texts from --polnear's text/) for the dependency parser's silver data.", DefaultValueFactory = _ => "../shared/data/polnear-corenlp/train" };
        var accurateOut = new Option<string>("--accurate-out") { Description = "Where to write the accurate mode's content model (its tagger reads MiniLM token codes too; trained after the default one, or alone with --only accurate).", DefaultValueFactory = _ => "src/Verbatim/Resources/content-tagger-accurate.bin" };
        var reuseDep = new Option<bool>("--reuse-dep") { Description = "Do not retrain the dependency parser (no other model reads it yet)." };
        var command = new Command("train", "Train the POS tagger on UD English EWT, the dependency parser on UD English EWT and the CoreNLP parses of PolNeAR train, the content tagger on PolNeAR train (and the accurate mode's, with MiniLM token codes) and the entity tagger on CoNLL-2003 train, and write the models (Resources/pos-tagger.bin, dependency-parser.bin, content-tagger.bin, content-tagger-accurate.bin, entity-tagger.bin).");
        command.Options.Add(polnear);
        command.Options.Add(output);
        command.Options.Add(epochs);
        command.Options.Add(skipEvery);
        command.Options.Add(skipOffset);
        command.Options.Add(conll);
        command.Options.Add(nerOutput);
        command.Options.Add(nerEpochs);
        command.Options.Add(nerHoldout);
        command.Options.Add(nerWikiann);
        command.Options.Add(only);
        command.Options.Add(ud);
        command.Options.Add(posOut);
        command.Options.Add(posEpochs);
        command.Options.Add(reusePos);
        command.Options.Add(cuesOut);
        command.Options.Add(depOut);
        command.Options.Add(depEpochs);
        command.Options.Add(corenlp);
        command.Options.Add(reuseDep);
        command.Options.Add(accurateOut);
        command.SetAction(parse =>
        {
            var which = parse.GetValue(only);
            var clock = Stopwatch.StartNew();
            PosTagger? pos = null;
            if (which != "entities")
            {
                // The dependency parser and the content tagger read part-of-speech tags: the POS tagger comes first.
                pos = TrainPos(parse.GetValue(ud)!, parse.GetValue(posOut)!, parse.GetValue(posEpochs), parse.GetValue(reusePos));
                if (pos is null) return 2;
            }
            if (pos is not null && which is null or "dependencies" && !parse.GetValue(reuseDep))
            {
                int dep = TrainDependencies(parse.GetValue(ud)!, parse.GetValue(corenlp)!, Path.Combine(parse.GetValue(polnear)!, "text"),
                    parse.GetValue(depOut)!, parse.GetValue(depEpochs), pos, parse.GetValue(posEpochs));
                if (dep != 0) return dep;
            }
            // The default content model, then the accurate mode's: the same articles, cue table and settings; its content
            // tagger also reads MiniLM's codes.
            foreach (var (name, outFile, accurate) in new[] { ("content", parse.GetValue(output)!, false), ("accurate", parse.GetValue(accurateOut)!, true) })
            {
                if (pos is null || which is not null && which != name) continue;
                int skip = parse.GetValue(skipEvery);
                var cues = parse.GetValue(cuesOut) ?? (skip > 0 ? Path.ChangeExtension(outFile, ".cues.tsv") : DefaultCueTable);
                int code = Run(parse.GetValue(polnear)!, outFile, parse.GetValue(epochs), skip, pos, cues, parse.GetValue(skipOffset), accurate);
                if (code != 0) return code;
            }
            if (which is null or "entities")
            {
                int code = EntityTraining.Run(parse.GetValue(conll)!, parse.GetValue(nerOutput)!, parse.GetValue(nerEpochs),
                    parse.GetValue(nerHoldout), parse.GetValue(nerWikiann), Console.Error);
                if (code != 0) return code;
            }
            Console.Error.WriteLine($"train: all done in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }

    /// <summary>Where the shipped learned cue table lives.</summary>
    internal const string DefaultCueTable = "src/Verbatim/Resources/learned-cue-phrases.tsv";

    /// <summary>The settings the shipped entity model was trained with.</summary>
    internal static class EntityDefaults
    {
        public const int Epochs = 12;
        public const bool Wikiann = false;
    }

    /// <summary>The settings the shipped dependency parser was trained with.</summary>
    internal static class DependencyDefaults
    {
        public const int Epochs = 10;
    }

    /// <summary>
    /// Trains the dependency parser on UD English EWT train (gold) and the CoreNLP parses of PolNeAR train (silver), with
    /// POS tags as at run time (EWT train jackknifed over four folds; the PolNeAR texts by <paramref name="pos"/>, the
    /// tagger trained or reused just before), scores it on EWT dev when there, and writes it.
    /// </summary>
    public static int TrainDependencies(string udDir, string corenlpDir, string polnearTextDir, string outFile, int epochs, PosTagger pos, int posEpochs)
    {
        var trainFile = Path.Combine(udDir, "en_ewt-ud-train.conllu.gz");
        if (!File.Exists(trainFile)) { Console.Error.WriteLine($"train: {trainFile} not found"); return 2; }
        if (!Directory.Exists(corenlpDir)) { Console.Error.WriteLine($"train: {corenlpDir} not found (the CoreNLP parses of PolNeAR train)"); return 2; }
        if (!Directory.Exists(polnearTextDir)) { Console.Error.WriteLine($"train: {polnearTextDir} not found (the PolNeAR train texts)"); return 2; }
        var clock = Stopwatch.StartNew();
        var ewt = DependencyTreebank.ReadConllu(trainFile).ToList();
        var warnings = new List<string>();
        var silver = DependencyTreebank.ReadCorenlp(corenlpDir, polnearTextDir, warnings);
        foreach (var w in warnings) Console.Error.WriteLine($"train: warning: {w}");
        Console.Error.WriteLine($"train: dependencies: {ewt.Count} UD EWT train sentences and {silver.Count} PolNeAR CoreNLP sentences read in {clock.Elapsed.TotalSeconds:F1} s");
        // POS tags as at run time: EWT train jackknifed (each fold tagged by a tagger trained on the other folds, saved
        // and loaded like the shipped one), the PolNeAR texts (never seen by the tagger) by the tagger itself.
        var data = new List<DependencySentence>(ewt.Count + silver.Count);
        data.AddRange(JackknifePos(ewt, posEpochs));
        data.AddRange(silver.Select(s => s with { Pos = Tag(pos, s) }));
        Console.Error.WriteLine($"train: dependencies: POS tags ready in {clock.Elapsed.TotalSeconds:F1} s");
        var parser = DependencyParserTrainer.Train(data, tagger: null, epochs, log: Log);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var file = File.Create(outFile)) parser.Save(file);
        Console.Error.WriteLine($"train: wrote {outFile} ({new FileInfo(outFile).Length / 1024} KiB) in {clock.Elapsed.TotalSeconds:F1} s");
        var devFile = Path.Combine(udDir, "en_ewt-ud-dev.conllu.gz");
        if (File.Exists(devFile))
        {
            var report = DependencyScorer.Evaluate("ud", DependencyTreebank.ReadConllu(devFile), parser, pos);
            Console.Error.WriteLine($"train: dependencies on UD EWT dev (punctuation excluded): UAS {report.Uas:0.0000} LAS {report.Las:0.0000}");
        }
        return 0;
    }

    /// <summary>Folds of UD EWT train for the dependency parser's jackknifed POS tags.</summary>
    private const int PosFolds = 4;

    private static byte[] Tag(PosTagger tagger, DependencySentence s)
    {
        var tags = new byte[s.Tokens.Length];
        tagger.Tag(s.Text, s.Tokens, tags);
        return tags;
    }

    private static DependencySentence[] JackknifePos(List<DependencySentence> ewt, int posEpochs)
    {
        var result = new DependencySentence[ewt.Count];
        for (int fold = 0; fold < PosFolds; fold++)
        {
            var train = ewt.Where((_, i) => i % PosFolds != fold).Select(s => new PosSentence(s.Text, s.Tokens, s.Pos)).ToList();
            using var stream = new MemoryStream();
            PosTaggerTrainer.Train(train, posEpochs).Save(stream);
            stream.Position = 0;
            var tagger = PosTagger.Load(stream);
            for (int i = fold; i < ewt.Count; i += PosFolds) result[i] = ewt[i] with { Pos = Tag(tagger, ewt[i]) };
        }
        return result;
    }

    /// <summary>Trains (or, reusing, loads) the POS tagger; null after an error it has reported.</summary>
    public static PosTagger? TrainPos(string udDir, string outFile, int epochs, bool reuse)
    {
        if (reuse)
        {
            if (!File.Exists(outFile)) { Console.Error.WriteLine($"train: no POS tagger at {outFile} to reuse"); return null; }
            using var stream = File.OpenRead(outFile);
            return PosTagger.Load(stream);
        }
        var trainFile = Path.Combine(udDir, "en_ewt-ud-train.conllu.gz");
        if (!File.Exists(trainFile)) { Console.Error.WriteLine($"train: {trainFile} not found"); return null; }
        var clock = Stopwatch.StartNew();
        var data = ConlluReader.Read(trainFile).ToList();
        var tagger = PosTaggerTrainer.Train(data, epochs, log: Log);
        var devFile = Path.Combine(udDir, "en_ewt-ud-dev.conllu.gz");
        if (File.Exists(devFile))
            Console.Error.WriteLine($"train: POS accuracy on UD EWT dev {PosTaggerTrainer.Accuracy(tagger, ConlluReader.Read(devFile)):0.0000}");
        var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var file = File.Create(outFile)) tagger.Save(file);
        Console.Error.WriteLine($"train: wrote {outFile} ({new FileInfo(outFile).Length / 1024} KiB) in {clock.Elapsed.TotalSeconds:F1} s");
        // What ships is the half-precision copy: the content tagger trains on the tags it will see at run time.
        using var saved = File.OpenRead(outFile);
        return PosTagger.Load(saved);
    }

    /// <summary>Passes of the cue tagger over its examples, and the folds of the jackknife that gives the training drafts their learned cues.</summary>
    private const int CueEpochs = 5, CueFolds = 5;

    /// <summary>Folds for the boundary ranker's training tags: each article is tagged by a tagger trained on the others.</summary>
    private const int BoundaryFolds = 5;
    /// <summary>Passes of the boundary ranker over its examples: more fit train better and the held-out fifth of train worse.</summary>
    private const int BoundaryEpochs = 3;

    /// <summary>Passes of the source selector and of the source and cue ranker over their examples.</summary>
    private const int RoleEpochs = 3;

    private static void Log(string line) => Console.Error.WriteLine("train: " + line);

    /// <summary>
    /// Trains the rankers that follow the content tagger, each on what it will see at run time: the boundary ranker on
    /// each article's drafts after the learned-content stage, with content tags from a tagger trained without that article
    /// (jackknife over <see cref="BoundaryFolds"/> folds); the source selector on the drafts the boundary ranker re-drew;
    /// the source and cue ranker on the drafts the selector gave their sources.
    /// </summary>
    private static ContentTagger WithRankers(ContentTagger model, List<PolnearArticle> articles, List<TaggedDocument> data, int epochs)
    {
        var tags = new byte[data.Count][];
        for (int fold = 0; fold < BoundaryFolds; fold++)
        {
            var train = data.Where((_, i) => i % BoundaryFolds != fold).ToList();
            var tagger = ContentTaggerTrainer.Train(train, epochs);
            for (int i = fold; i < data.Count; i += BoundaryFolds) tags[i] = tagger.Tag(data[i].Document);
            Console.Error.WriteLine($"train: boundary fold {fold + 1} of {BoundaryFolds} tagged");
        }
        // Every tagger is trained: the drafts may now change (the stage rewrites them).
        var boundaryData = new List<BoundaryDocument>(data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            var doc = data[i].Document;
            LearnedContentStage.Apply(doc, tags[i]);
            boundaryData.Add(new BoundaryDocument(doc, tags[i], articles[i].Attributions.Select(a => a.Content).ToList()));
        }
        var boundaries = ContentBoundariesTrainer.Train(boundaryData, BoundaryEpochs, Log);
        var roleData = new List<RoleDocument>(data.Count);
        for (int i = 0; i < data.Count; i++)
        {
            boundaries.Apply(boundaryData[i].Document, tags[i]);
            roleData.Add(new RoleDocument(boundaryData[i].Document, articles[i].Attributions));
        }
        var sources = SourceSelectorTrainer.Train(roleData, RoleEpochs, Log);
        foreach (var r in roleData) sources.Apply(r.Document);
        var roles = RoleBoundariesTrainer.Train(roleData, RoleEpochs, Log);
        return model.WithBoundaries(boundaries).WithSources(sources).WithRoles(roles);
    }

    public static int Run(string polnearDir, string outFile, int epochs, int skipEvery, PosTagger? pos, string cueTableFile, int skipOffset = -1,
        bool accurate = false)
    {
        if (!Directory.Exists(Path.Combine(polnearDir, "text")))
        {
            Console.Error.WriteLine($"train: {polnearDir} is not a PolNeAR split (no text/ folder)");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var corpus = PolnearCorpus.Load(polnearDir);
        if (skipOffset < 0 || skipOffset >= skipEvery) skipOffset = skipEvery - 1;
        var articles = corpus.Where((_, i) => !(skipEvery > 0 && i % skipEvery == skipOffset)).ToList();
        // The cue table first: the rules the tagger trains on find their cues with it.
        var cueTable = CueTableMiner.Mine(articles);
        CueTableMiner.Write(cueTable, cueTableFile);
        Console.Error.WriteLine($"train: wrote {cueTableFile} ({cueTable.Count - 1} learned cue phrases from {articles.Count} articles)");
        var lexicon = Cues.CueLexicon.WithLearnedTable(cueTable.Skip(1));
        // The cue tagger next, on the lexicon's cues: one on every article ships; the drafts the content tagger learns from
        // take their learned cues from taggers trained without their article (jackknife), as unseen text will.
        // The accurate mode: MiniLM codes once per article (a cache shared by every pipeline here).
        var contextual = accurate ? new Verbatim.Contextual.ContextualStage(Verbatim.Contextual.MiniLmEncoder.Default, cache: true) : null;
        var rules = new PipelineBuilder().UseRuleStages(pos, cues: lexicon, contextual: contextual).Build();
        var cueData = articles.AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(a =>
        {
            var doc = rules.Run(a.Article);
            return (doc, CueTagger.GoldTokens(doc, a.Attributions.Select(g => g.Cue)));
        }).ToList();
        var cueTagger = CueTagger.Train(cueData, CueEpochs, Log);
        var foldRules = new VerbatimPipeline[CueFolds];
        for (int fold = 0; fold < CueFolds; fold++)
        {
            var foldTagger = CueTagger.Train(cueData.Where((_, i) => i % CueFolds != fold).ToList(), CueEpochs);
            foldRules[fold] = new PipelineBuilder().UseRuleStages(pos, cues: lexicon, cueTagger: foldTagger, contextual: contextual).Build();
        }
        // Each article on its own (the pipelines are thread-safe); the list keeps the articles' order.
        var tagged = new TaggedDocument[articles.Count];
        Parallel.For(0, articles.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var article = articles[i];
            var doc = foldRules[i % CueFolds].Run(article.Article);
            tagged[i] = new TaggedDocument(doc, ContentTaggerTrainer.GoldTags(doc, article.Attributions.Select(a => a.Content)));
        });
        var data = new List<TaggedDocument>(tagged);
        Console.Error.WriteLine($"train: {data.Count} articles, {data.Sum(d => d.Gold.Length)} tokens");
        var model = WithRankers(ContentTaggerTrainer.Train(data, epochs, Log), articles, data, epochs).WithCues(cueTagger);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var file = File.Create(outFile)) model.Save(file);
        Console.Error.WriteLine($"train: wrote {outFile} ({new FileInfo(outFile).Length / 1024} KiB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
