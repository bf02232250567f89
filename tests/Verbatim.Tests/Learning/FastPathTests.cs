using Verbatim.Learning;
using Verbatim.Pipeline;
using Verbatim.Speakers;

namespace Verbatim.Tests.Learning;

/// <summary>
/// The taggers' fast paths (per-word values computed once, vector sums, word hashes from a per-token table) against the
/// straightforward computations they replace: the same tags and the same feature indices, bit for bit.
/// </summary>
public sealed class FastPathTests
{
    private const string Written =
        "Yara Quenneth, the harbour master, said on Tuesday that the cranes would stand still \"until the talks end.\" " +
        "\"We will not go back,\" said Davor Ostrand. He added that DOCKERS' pay had fallen 12% since 2029, " +
        "and the union's chief told reporters the strike could last weeks.\n\n" +
        "Ms. Zelenskyy-Müller of the Port Authority declined to comment. Officials said the ÉCOLE would close; " +
        "others, including Sen. Ana de la Cruz, disagreed — \"It's a disgrace,\" she said.";

    private static IEnumerable<string> Texts()
    {
        yield return Written;
        var samples = Readers.SharedPaths.RepoRoot is { } root ? Path.Combine(root, "samples", "articles") : null;
        if (samples is not null && Directory.Exists(samples))
            foreach (var file in Directory.EnumerateFiles(samples, "*.txt").Order(StringComparer.Ordinal))
                yield return File.ReadAllText(file);
    }

    private static Document Rules(string text) =>
        new PipelineBuilder().UseRuleStages().Build().Run(new Article("t", new DateOnly(2031, 3, 10), text));

    [Fact]
    public void The_pos_tagger_tags_every_sentence_as_the_feature_by_feature_reference_does()
    {
        var tagger = PosTagger.Default;
        Assert.NotNull(tagger);
        int sentences = 0;
        foreach (var text in Texts())
        {
            var doc = Rules(text);
            var fast = tagger.Tag(doc);
            foreach (var s in doc.Sentences)
            {
                var tokens = doc.Tokens.GetRange(s.FirstToken, s.EndToken - s.FirstToken).ToArray();
                var reference = new byte[tokens.Length];
                tagger.TagReference(doc.Text, tokens, reference);
                Assert.Equal(reference, fast[s.FirstToken..s.EndToken]);
                var one = new byte[tokens.Length];
                tagger.Tag(doc.Text, tokens, one);
                Assert.Equal(reference, one);
                sentences++;
            }
        }
        Assert.True(sentences > 10);
    }

    [Fact]
    public void The_content_features_word_table_holds_the_feature_hash_of_every_token()
    {
        foreach (var text in Texts().Take(2))
        {
            var doc = Rules(text);
            foreach (bool rent in new[] { false, true })
            {
                var features = new ContentFeatures(doc, rent);
                for (int template = 1; template < 64; template++)
                    for (int i = -3; i < doc.Tokens.Count + 3; i++)
                        Assert.Equal((int)(FeatureHash.Word(template, doc, i) & (ContentFeatures.Size - 1)), features.Word(template, i));
                features.Return();
            }
        }
    }

    [Fact]
    public void The_content_tagger_sums_rows_as_vectors_to_the_same_tags_as_one_weight_at_a_time()
    {
        var shipped = ContentTagger.Default;
        Assert.NotNull(shipped);
        // The shipped model has the padding that lets it read rows as vectors; the same weights without it take the scalar sums.
        Assert.True(shipped.Weights.Length > ContentFeatures.Size * ContentTagger.Tags);
        var scalar = new ContentTagger(shipped.Weights[..(ContentFeatures.Size * ContentTagger.Tags)], shipped.Transitions);
        int tokens = 0;
        foreach (var text in Texts())
        {
            var doc = Rules(text);
            var tags = shipped.Tag(doc);
            Assert.Equal(scalar.Tag(doc), tags);
            Assert.Contains(tags, t => t != ContentTagger.O);
            tokens += tags.Length;
        }
        Assert.True(tokens > 100);
    }

    [Theory]
    [InlineData("Zelensky", "zelenski")]
    [InlineData("Zelenskyy", "zelenski")]
    [InlineData("Zelenskiy's", "zelenskis")]
    [InlineData("Strauß", "straus")]
    [InlineData("Ødegård", "odegard")]
    [InlineData("O'Brien", "obrien")]
    public void Surname_keys_fold_case_accents_and_transliterations(string surname, string key) =>
        Assert.Equal(key, SpeakerResolver.SurnameKey(surname));
}
