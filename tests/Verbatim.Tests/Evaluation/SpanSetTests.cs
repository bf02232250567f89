using Verbatim.Evaluation;

namespace Verbatim.Tests.Evaluation;

public sealed class SpanSetTests
{
    /// <summary>"s-e;s-e" → spans.</summary>
    internal static TextSpan[] Parts(string spec) =>
        spec.Length == 0 ? [] : spec.Split(';').Select(p => p.Split('-')).Select(p => new TextSpan(int.Parse(p[0]), int.Parse(p[1]))).ToArray();

    [Theory]
    // text, parts, expected set size, expected run count
    [InlineData("abcdefghij", "0-10", 10, 1)]
    [InlineData("abcdefghij", "0-5;3-8", 8, 1)]                    // overlapping parts: union
    [InlineData("abcdefghij", "0-2;5-7", 4, 2)]                    // discontinuous
    [InlineData("abcdefghij", "5-7;0-2", 4, 2)]                    // parts in any order
    [InlineData("abcdefghij", "0-5;5-10", 10, 1)]                  // adjacent parts join
    [InlineData("ab cd", "0-5", 4, 2)]                             // white space removed
    [InlineData("\"Hello, world,\" he said.", "0-15", 10, 2)]      // quotes and punctuation removed
    [InlineData("“Yes” — «non» „ja“ ‘ok’ it's `x`", "0-32", 15, 8)]
    [InlineData("a.b,c;d:e!f?g(h)i[j]k-l", "0-23", 12, 12)]
    [InlineData("\" . , ; : ! ? ( ) [ ] - ' ` “ ” „ « » ‘ ’", "0-41", 0, 0)] // nothing scorable
    [InlineData("abc", "", 0, 0)]
    [InlineData("abc", "1-1", 0, 0)]                               // empty part
    [InlineData("abcdef", "4-99", 2, 1)]                           // clipped to the text
    [InlineData("a\u00A0b\tc\nd", "0-7", 4, 4)]                    // every kind of white space
    public void Set_size_and_runs(string text, string parts, int size, int runs)
    {
        var set = SpanSet.Of(text, Parts(parts));
        Assert.Equal(size, set.Count);
        Assert.Equal(runs, set.RunCount);
        Assert.Equal(size == 0, set.IsEmpty);
    }

    [Theory]
    // text, gold parts, predicted parts, |A∩B|, Jaccard, exact, overlap
    [InlineData("\"Hello, world,\" he said.", "1-13", "0-15", 10, 1.0, true, true)]          // marks and edge punctuation never decide
    [InlineData("abcd efgh", "0-4", "0-9", 4, 0.5, false, true)]                           // exactly one half: overlap
    [InlineData("abcd efgh", "0-3", "0-9", 3, 0.375, false, false)]
    [InlineData("abcd efgh", "0-4", "5-9", 0, 0.0, false, false)]                          // disjoint
    [InlineData("abcdefghij", "0-2;8-10", "0-10", 4, 0.4, false, false)]
    [InlineData("abcdefghij", "0-3;5-8", "2-6", 2, 2.0 / 8, false, false)]
    [InlineData("abcdefghij", "0-6", "3-9", 3, 3.0 / 9, false, false)]
    [InlineData("abcdefghij", "0-5;5-10", "0-10", 10, 1.0, true, true)]
    [InlineData("the plan works.", "0-14", "0-15", 12, 1.0, true, true)]
    [InlineData("taxes rise", "0-10", "0-5", 5, 5.0 / 9, false, true)]
    [InlineData("...", "0-3", "0-3", 0, 0.0, false, false)]                               // empty sets never match
    public void Intersection_jaccard_and_match(string text, string a, string b, int inter, double jaccard, bool exact, bool overlap)
    {
        var x = SpanSet.Of(text, Parts(a));
        var y = SpanSet.Of(text, Parts(b));
        Assert.Equal(inter, x.IntersectCount(y));
        Assert.Equal(inter, y.IntersectCount(x));
        Assert.Equal(jaccard, x.Jaccard(y), 10);
        Assert.Equal(jaccard, y.Jaccard(x), 10);
        Assert.Equal(exact, SpanMatching.Matches(x, y, SpanMatchMode.Exact));
        Assert.Equal(overlap, SpanMatching.Matches(x, y, SpanMatchMode.Overlap));
    }

    [Fact]
    public void Every_listed_character_and_white_space_is_ignored_and_nothing_else()
    {
        foreach (var c in "\"“”„«»‘’'`.,;:!?()[]- \t\n\r\u00A0\u2009")
            Assert.True(SpanSet.IsIgnored(c), $"U+{(int)c:X4}");
        foreach (var c in "aZ09_/&%$@#—–…*+=<>{}")
            Assert.False(SpanSet.IsIgnored(c), $"U+{(int)c:X4}");
    }

    [Fact]
    public void Equal_sets_are_equal_and_hash_alike()
    {
        const string text = "He said: \"We will win.\"";
        var a = SpanSet.Of(text, [new TextSpan(9, 23)]);
        var b = SpanSet.Of(text, [new TextSpan(10, 22)]);
        Assert.True(a.SetEquals(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal([new TextSpan(10, 12), new TextSpan(13, 17), new TextSpan(18, 21)], a.Runs());
    }

    [Fact]
    public void Optional_source_agreement_needs_both_absent_or_both_overlapping()
    {
        var text = "Bob said";
        var bob = SpanSet.Of(text, new TextSpan(0, 3));
        Assert.True(SpanMatching.OptionalOverlaps(null, null));
        Assert.False(SpanMatching.OptionalOverlaps(bob, null));
        Assert.False(SpanMatching.OptionalOverlaps(null, bob));
        Assert.True(SpanMatching.OptionalOverlaps(bob, bob));
        Assert.False(SpanMatching.OptionalOverlaps(bob, SpanSet.Of(text, new TextSpan(0, 8)))); // 3/7
    }

    [Fact]
    public void Large_sets_intersect_by_runs()
    {
        var words = string.Join(' ', Enumerable.Range(0, 20000).Select(i => "word" + (i % 10)));
        var a = SpanSet.Of(words, new TextSpan(0, words.Length));
        var b = SpanSet.Of(words, new TextSpan(words.Length / 2, words.Length));
        Assert.Equal(20000, a.RunCount);
        Assert.Equal(b.Count, a.IntersectCount(b));
        Assert.Equal((double)b.Count / a.Count, a.Jaccard(b), 10);
    }
}
