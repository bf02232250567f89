using System.CommandLine;
using System.Diagnostics;
using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;

namespace Verbatim.Cli;

/// <summary>
/// <c>verbatim train [--polnear DIR] [--out FILE] [--epochs N] [--skip-every N]</c>: trains the content tagger on
/// PolNeAR train, deterministically (fixed order, no randomness), and writes the model the library ships.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var polnear = new Option<string>("--polnear") { Description = "The PolNeAR train split (text/ and attributions/).", DefaultValueFactory = _ => "../shared/data/polnear/train" };
        var output = new Option<string>("--out") { Description = "Where to write the model.", DefaultValueFactory = _ => "src/Verbatim/Resources/content-tagger.bin" };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the data.", DefaultValueFactory = _ => 6 };
        var skipEvery = new Option<int>("--skip-every") { Description = "Leave out every Nth article (to tune on them); 0 keeps all.", DefaultValueFactory = _ => 0 };
        var conll = new Option<string>("--conll") { Description = "CoNLL-2003 train for the entity tagger.", DefaultValueFactory = _ => "../shared/data/ner/conll2003_en/train.txt" };
        var nerOutput = new Option<string>("--ner-out") { Description = "Where to write the entity model.", DefaultValueFactory = _ => "src/Verbatim/Resources/entity-tagger.bin" };
        var nerEpochs = new Option<int>("--ner-epochs") { Description = "Passes over CoNLL train.", DefaultValueFactory = _ => EntityDefaults.Epochs };
        var nerHoldout = new Option<int>("--ner-holdout") { Description = "Leave out every Nth CoNLL train document and score the entity tagger on them; 0 keeps all.", DefaultValueFactory = _ => 0 };
        var nerWikiann = new Option<bool>("--ner-wikiann") { Description = "Add WikiANN train entity names to the entity gazetteer.", DefaultValueFactory = _ => EntityDefaults.Wikiann };
        var only = new Option<string?>("--only") { Description = "Train one model only: content or entities." };
        only.AcceptOnlyFromAmong("content", "entities");
        var command = new Command("train", "Train the content tagger on PolNeAR train and the entity tagger on CoNLL-2003 train, and write the models (Resources/content-tagger.bin, Resources/entity-tagger.bin).");
        command.Options.Add(polnear);
        command.Options.Add(output);
        command.Options.Add(epochs);
        command.Options.Add(skipEvery);
        command.Options.Add(conll);
        command.Options.Add(nerOutput);
        command.Options.Add(nerEpochs);
        command.Options.Add(nerHoldout);
        command.Options.Add(nerWikiann);
        command.Options.Add(only);
        command.SetAction(parse =>
        {
            var which = parse.GetValue(only);
            var clock = Stopwatch.StartNew();
            if (which != "entities")
            {
                int code = Run(parse.GetValue(polnear)!, parse.GetValue(output)!, parse.GetValue(epochs), parse.GetValue(skipEvery));
                if (code != 0) return code;
            }
            if (which != "content")
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

    /// <summary>The settings the shipped entity model was trained with.</summary>
    internal static class EntityDefaults
    {
        public const int Epochs = 12;
        public const bool Wikiann = false;
    }

    public static int Run(string polnearDir, string outFile, int epochs, int skipEvery)
    {
        if (!Directory.Exists(Path.Combine(polnearDir, "text")))
        {
            Console.Error.WriteLine($"train: {polnearDir} is not a PolNeAR split (no text/ folder)");
            return 2;
        }
        var clock = Stopwatch.StartNew();
        var corpus = PolnearCorpus.Load(polnearDir);
        var rules = new PipelineBuilder().UseRuleStages().Build();
        var data = new List<TaggedDocument>();
        for (int i = 0; i < corpus.Count; i++)
        {
            if (skipEvery > 0 && i % skipEvery == skipEvery - 1) continue;
            var doc = rules.Run(corpus[i].Article);
            data.Add(new TaggedDocument(doc, ContentTaggerTrainer.GoldTags(doc, corpus[i].Attributions.Select(a => a.Content))));
        }
        Console.Error.WriteLine($"train: {data.Count} articles, {data.Sum(d => d.Gold.Length)} tokens");
        var model = ContentTaggerTrainer.Train(data, epochs, line => Console.Error.WriteLine("train: " + line));
        var folder = Path.GetDirectoryName(Path.GetFullPath(outFile));
        if (folder is not null) Directory.CreateDirectory(folder);
        using (var file = File.Create(outFile)) model.Save(file);
        Console.Error.WriteLine($"train: wrote {outFile} ({new FileInfo(outFile).Length / 1024} KiB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
