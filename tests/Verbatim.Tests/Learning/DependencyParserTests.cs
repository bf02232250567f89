using Verbatim.Evaluation;
using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Tests.Evaluation;
using Verbatim.Text;

namespace Verbatim.Tests.Learning;

public sealed class DependencyParserTests
{
    private static readonly VerbatimPipeline Parsing = new PipelineBuilder().UseRuleStages(dependencies: true).Build();

    private static Document Parse(string text) => Parsing.Run(new Article("t", new DateOnly(2022, 7, 8), text));

    private static int Find(Document doc, string word, int from = 0)
    {
        for (int i = from; i < doc.Tokens.Count; i++) if (doc.TokenIs(i, word)) return i;
        throw new InvalidOperationException($"no token '{word}'");
    }

    private static string Arcs(Document doc) => string.Join(" ", Enumerable.Range(0, doc.Tokens.Count).Select(i =>
        $"{doc.TokenText(i)}<-{(doc.Heads[i] < 0 ? "ROOT" : doc.TokenText(doc.Heads[i]).ToString())}:{doc.LabelOf(i)}"));

    [Fact]
    public void The_shipped_parser_finds_the_reported_clause()
    {
        Assert.NotNull(DependencyParser.Default);
        var doc = Parse("The minister said on Tuesday that the plan had failed.");
        int said = Find(doc, "said"), minister = Find(doc, "minister"), failed = Find(doc, "failed"), that = Find(doc, "that");
        var arcs = Arcs(doc);
        Assert.True(doc.Heads[said] == -1, arcs);
        Assert.True(doc.SubjectOf(said) == minister, arcs);
        Assert.True(doc.ClausalComplementOf(said) == failed, arcs);
        Assert.True(doc.Heads[that] == failed && doc.DependencyLabels[that] == DependencyLabels.Mark, arcs);
        // The complement's subtree runs from "that" to "failed".
        Assert.Equal((that, failed), doc.SubtreeSpan(failed));
        Assert.Equal((0, doc.Tokens.Count - 1), doc.SubtreeSpan(said));
    }

    [Fact]
    public void The_shipped_parser_finds_a_passive_subject()
    {
        var doc = Parse("The bill was passed by the Senate on Friday.");
        int passed = Find(doc, "passed"), bill = Find(doc, "bill"), was = Find(doc, "was");
        var arcs = Arcs(doc);
        Assert.True(doc.Heads[passed] == -1, arcs);
        Assert.True(doc.Heads[bill] == passed && doc.DependencyLabels[bill] == DependencyLabels.NsubjPass, arcs);
        Assert.True(doc.Heads[was] == passed && doc.LabelOf(was) == "aux:pass", arcs);
        Assert.Equal(bill, doc.SubjectOf(passed));
    }

    [Fact]
    public void The_shipped_parser_attaches_a_relative_clause_to_its_noun()
    {
        var doc = Parse("Smith, who leads the party, said the vote was rigged.");
        int smith = Find(doc, "Smith"), who = Find(doc, "who"), leads = Find(doc, "leads"), said = Find(doc, "said"), rigged = Find(doc, "rigged");
        var arcs = Arcs(doc);
        Assert.True(doc.Heads[said] == -1, arcs);
        Assert.True(doc.SubjectOf(said) == smith, arcs);
        Assert.True(doc.Heads[leads] == smith && doc.DependencyLabels[leads] == DependencyLabels.AclRelcl, arcs);
        Assert.True(doc.SubjectOf(leads) == who, arcs);
        Assert.True(doc.ClausalComplementOf(said) == rigged, arcs);
        // The subject's subtree holds the relative clause, up to its closing comma at most.
        var (first, last) = doc.SubtreeSpan(smith);
        Assert.Equal(smith, first);
        Assert.InRange(last, Find(doc, "party"), Find(doc, "party") + 1);
    }

    [Fact]
    public void The_dependency_stage_follows_pos_and_is_not_in_the_default_pipeline()
    {
        Assert.DoesNotContain("dependencies", VerbatimPipeline.Default.StageNames);
        var names = Parsing.StageNames.ToList();
        Assert.Equal(names.IndexOf("pos") + 1, names.IndexOf("dependencies"));
        Assert.Throws<InvalidOperationException>(() => new PipelineBuilder().Add(new TokenizerStage()).Add(new SentenceStage()).UseDependencies());
        // Without the stage the columns stay empty.
        var plain = new PipelineBuilder().UseRuleStages().Build().Run(new Article("t", null, "He said so."));
        Assert.Empty(plain.Heads);
        Assert.False(plain.HasDependencies());
    }

    // ------------------------------------------------------------------ a hand-written treebank

    /// <summary>A sentence from "word/UPOS/head/label" items (heads 1-based, 0 the root).</summary>
    private static DependencySentence S(string items)
    {
        var parts = items.Split(' ').Select(p => p.Split('/')).ToArray();
        var words = parts.Select(p => p[0]).ToArray();
        var text = string.Join(' ', words);
        var tokens = new Token[words.Length];
        int at = 0;
        for (int i = 0; i < words.Length; i++)
        {
            tokens[i] = new Token(at, at + words[i].Length, TokenKind.Word, TokenFlags.None);
            at += words[i].Length + 1;
        }
        return new DependencySentence(text, tokens,
            parts.Select(p => int.Parse(p[2]) - 1).ToArray(),
            parts.Select(p => (byte)DependencyLabels.IndexOf(p[3])).ToArray(),
            parts.Select(p => (byte)PosTagger.TagIndex(p[1])).ToArray());
    }

    private static readonly DependencySentence[] Tiny =
    [
        S("She/PRON/2/nsubj said/VERB/0/root that/SCONJ/5/mark prices/NOUN/5/nsubj fell/VERB/2/ccomp ./PUNCT/2/punct"),
        S("The/DET/2/det plan/NOUN/4/nsubj:pass was/AUX/4/aux:pass approved/VERB/0/root by/ADP/7/case the/DET/7/det council/NOUN/4/obl ./PUNCT/4/punct"),
        S("Smith/PROPN/8/nsubj ,/PUNCT/4/punct who/PRON/4/nsubj leads/VERB/1/acl:relcl the/DET/6/det party/NOUN/4/obj ,/PUNCT/4/punct resigned/VERB/0/root ./PUNCT/8/punct"),
        S("They/PRON/2/nsubj bought/VERB/0/root apples/NOUN/2/obj and/CCONJ/5/cc pears/NOUN/3/conj ./PUNCT/2/punct"),
        S("He/PRON/2/nsubj wants/VERB/0/root to/PART/4/mark leave/VERB/2/xcomp ./PUNCT/2/punct"),
        S("Hello/INTJ/0/root"),
    ];

    private static byte[] Bytes(DependencyParser parser)
    {
        using var stream = new MemoryStream();
        parser.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Share of words (all of them) whose head and label are the gold ones, parsing with the treebank's POS.</summary>
    private static double Exact(DependencyParser parser, IEnumerable<DependencySentence> data)
    {
        int right = 0, total = 0;
        foreach (var s in data)
        {
            var heads = new int[s.Tokens.Length];
            var labels = new byte[s.Tokens.Length];
            parser.Parse(s.Text, s.Tokens, s.Pos, heads, labels);
            for (int i = 0; i < heads.Length; i++) { total++; if (heads[i] == s.Heads[i] && labels[i] == s.Labels[i]) right++; }
        }
        return (double)right / total;
    }

    [Fact]
    public void Training_learns_a_tiny_treebank_and_is_deterministic()
    {
        var a = DependencyParserTrainer.Train(Tiny, tagger: null, epochs: 8);
        var b = DependencyParserTrainer.Train(Tiny, tagger: null, epochs: 8);
        var bytes = Bytes(a);
        Assert.Equal(bytes, Bytes(b));
        Assert.Equal(1.0, Exact(a, Tiny));
        // What is saved loads back to the same parses.
        Assert.Equal(1.0, Exact(DependencyParser.Load(new MemoryStream(bytes)), Tiny));
        Assert.True(Exact(DependencyParserTrainer.Train(Tiny, tagger: null, epochs: 0), Tiny) < 0.5);
    }

    [Fact]
    public void The_oracle_rebuilds_the_gold_trees_of_projective_sentences()
    {
        foreach (var s in Tiny)
        {
            Assert.True(DependencyTreebank.IsProjective(s.Heads));
            var parse = DependencyParserTrainer.OracleParse(s);
            Assert.NotNull(parse);
            Assert.Equal(s.Heads, parse.Value.Heads);
            Assert.Equal(s.Labels, parse.Value.Labels);
        }
        // A crossing tree is not projective, and the oracle says it cannot build it.
        var crossing = S("A/NOUN/3/nsubj B/NOUN/4/obj C/VERB/0/root D/NOUN/3/obj");
        Assert.False(DependencyTreebank.IsProjective(crossing.Heads));
        Assert.Null(DependencyParserTrainer.OracleParse(crossing));
    }

    private static string EwtTrain => Path.Combine(RealDataTests.Shared, "data", "ud_english_ewt", "en_ewt-ud-train.conllu.gz");
    private static string EwtDev => Path.Combine(RealDataTests.Shared, "data", "ud_english_ewt", "en_ewt-ud-dev.conllu.gz");

    [SkippableFact]
    public void The_oracle_rebuilds_every_projective_EWT_train_tree()
    {
        Skip.IfNot(File.Exists(EwtTrain), $"../shared is absent: no {EwtTrain}");
        int projective = 0;
        foreach (var s in DependencyTreebank.ReadConllu(EwtTrain).Take(3000))
        {
            if (!DependencyTreebank.IsProjective(s.Heads)) continue;
            projective++;
            var parse = DependencyParserTrainer.OracleParse(s);
            Assert.NotNull(parse);
            Assert.Equal(s.Heads, parse.Value.Heads);
            Assert.Equal(s.Labels, parse.Value.Labels);
        }
        Assert.True(projective > 2500, $"{projective} projective sentences");
    }

    [SkippableFact]
    public void Training_on_an_EWT_slice_beats_attaching_each_word_to_its_right_neighbour()
    {
        Skip.IfNot(File.Exists(EwtTrain) && File.Exists(EwtDev), $"../shared is absent: no {EwtTrain} or {EwtDev}");
        var tagger = PosTagger.Default!;
        var parser = DependencyParserTrainer.Train(DependencyTreebank.ReadConllu(EwtTrain).Take(2000).ToList(), tagger, epochs: 5);
        var dev = DependencyTreebank.ReadConllu(EwtDev).Take(500).ToList();
        var report = DependencyScorer.Evaluate("ud", dev, parser, tagger);
        int scored = 0, right = 0;
        foreach (var s in dev)
            for (int i = 0; i < s.Heads.Length; i++)
            {
                if (s.Labels[i] == DependencyLabels.Punct) continue;
                scored++;
                if (s.Heads[i] == (i + 1 < s.Heads.Length ? i + 1 : -1)) right++;
            }
        double baseline = (double)right / scored;
        Assert.Equal(scored, report.Scored);
        Assert.True(report.Uas > baseline + 0.2, $"UAS {report.Uas:F3} against the right-neighbour baseline {baseline:F3}");
        Assert.True(report.Las > 0.5, $"LAS {report.Las:F3}");
    }

    // ------------------------------------------------------------------ every parse is a tree

    private static void AssertTree(DependencyParser parser, string text, Token[] tokens)
    {
        var pos = new byte[tokens.Length];
        PosTagger.Default!.Tag(text, tokens, pos);
        var heads = new int[tokens.Length];
        var labels = new byte[tokens.Length];
        parser.Parse(text, tokens, pos, heads, labels);
        Assert.True(DependencyTreebank.IsTree(heads), string.Join(",", heads));
        Assert.True(DependencyTreebank.IsProjective(heads));
        for (int i = 0; i < heads.Length; i++)
            Assert.Equal(heads[i] == -1, labels[i] == DependencyLabels.Root);
    }

    private static (string, Token[]) Words(IEnumerable<string> words) => (string.Join(' ', words), S(string.Join(' ', words.Select(w => w + "/X/0/dep"))).Tokens);

    [Fact]
    public void Every_parse_is_a_tree_inside_its_sentence()
    {
        var parser = DependencyParser.Default!;
        var random = new Random(5);
        string[] vocabulary = ["the", "said", ",", "\"", "he", "minister", "that", "of", "and", "—", "(", ")", "2016", "will", "not", ".", "who", "Trump"];
        foreach (var words in new[]
        {
            new[] { "Hello" },
            new[] { "!" },
            new[] { ".", ",", "\"", "?", "!", "—", "...", ":" },
            Enumerable.Range(0, 300).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray(),
            Enumerable.Repeat("said", 300).ToArray(),
            Enumerable.Repeat(",", 300).ToArray(),
        })
        {
            var (text, tokens) = Words(words);
            AssertTree(parser, text, tokens);
        }
        // And through the pipeline: every sentence's heads stay inside it.
        var doc = Parse("\"No!\" he said. ... ??? Then: the 300-word\n\nsentence (as it were) , , , ended \"there\"");
        Assert.Equal(doc.Tokens.Count, doc.Heads.Length);
        foreach (var s in doc.Sentences)
        {
            var local = doc.Heads.AsSpan(s.FirstToken, s.EndToken - s.FirstToken).ToArray().Select(h => h < 0 ? -1 : h - s.FirstToken).ToArray();
            Assert.True(DependencyTreebank.IsTree(local), string.Join(",", local));
        }
    }
}
