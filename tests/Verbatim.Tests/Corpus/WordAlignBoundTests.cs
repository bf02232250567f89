using Verbatim.Corpus;

namespace Verbatim.Tests.Corpus;

/// <summary>The bounded edit distances used by clustering give the exact distance whenever it is within the limit, and say "over" otherwise.</summary>
public sealed class WordAlignBoundTests
{
    private static ulong[] Words(Random r, int n, int vocabulary) => Enumerable.Range(0, n).Select(_ => (ulong)r.Next(vocabulary)).ToArray();

    /// <summary>A copy with a few random word edits.</summary>
    private static ulong[] Edit(Random r, ulong[] words, int edits, int vocabulary)
    {
        var list = words.ToList();
        for (var e = 0; e < edits; e++)
        {
            var at = r.Next(list.Count + 1);
            switch (r.Next(3))
            {
                case 0: list.Insert(at, (ulong)r.Next(vocabulary)); break;
                case 1 when list.Count > 0: list.RemoveAt(Math.Min(at, list.Count - 1)); break;
                default: if (list.Count > 0) list[Math.Min(at, list.Count - 1)] = (ulong)r.Next(vocabulary); break;
            }
        }
        return [.. list];
    }

    [Fact]
    public void Bounded_distance_equals_the_full_one_within_the_limit()
    {
        var r = new Random(7);
        for (var t = 0; t < 3000; t++)
        {
            var a = Words(r, r.Next(0, 30), 12);
            var b = r.Next(2) == 0 ? Edit(r, a, r.Next(0, 8), 12) : Words(r, r.Next(0, 30), 12);
            var full = WordAlign.Distance(a, b);
            var limit = r.Next(-1, 12);
            var bounded = WordAlign.Distance(a, b, limit);
            if (full <= limit) Assert.Equal(full, bounded);
            else Assert.True(bounded > limit, $"distance {full}, limit {limit}, bounded {bounded}");
        }
    }

    [Fact]
    public void Bounded_containment_equals_the_full_one_within_the_limit()
    {
        var r = new Random(11);
        for (var t = 0; t < 3000; t++)
        {
            var whole = Words(r, r.Next(1, 40), 10);
            var start = r.Next(whole.Length);
            var part = r.Next(2) == 0 ? Edit(r, whole[start..Math.Min(whole.Length, start + r.Next(1, 20))], r.Next(0, 5), 10) : Words(r, r.Next(0, 15), 10);
            var (full, _, _) = WordAlign.Contain(part, whole);
            var limit = r.Next(0, 6);
            var bounded = WordAlign.ContainDistance(part, whole, limit);
            if (full <= limit) Assert.Equal(full, bounded);
            else Assert.True(bounded > limit, $"distance {full}, limit {limit}, bounded {bounded}");
        }
    }

    [Fact]
    public void Bit_parallel_distances_equal_the_tables_within_the_limit()
    {
        // Small vocabularies (repeated words, many bits per word), patterns on both sides of 64 words (the one-word state
        // and the table it hands longer patterns to), texts shorter and longer than the pattern, limits down to −1.
        var r = new Random(23);
        var pattern = new WordPattern();
        for (var t = 0; t < 4000; t++)
        {
            var vocabulary = r.Next(2, 40);
            var m = t % 10 == 0 ? r.Next(60, 70) : r.Next(0, 66);
            var a = Words(r, m, vocabulary);
            pattern.Set(a);
            for (var k = 0; k < 3; k++)
            {
                var b = r.Next(3) switch
                {
                    0 => Edit(r, a, r.Next(0, 10), vocabulary),
                    1 => [.. Words(r, r.Next(0, 8), vocabulary), .. Edit(r, a, r.Next(0, 4), vocabulary), .. Words(r, r.Next(0, 8), vocabulary)],
                    _ => Words(r, r.Next(0, 80), vocabulary),
                };
                var limit = r.Next(-1, 16);
                var full = WordAlign.Distance(a, b);
                var bounded = pattern.Distance(b, limit);
                if (full <= limit) Assert.Equal(full, bounded);
                else Assert.True(bounded > limit, $"m {m}: distance {full}, limit {limit}, bit-parallel {bounded}");
                var (contained, _, _) = WordAlign.Contain(a, b);
                var within = pattern.ContainDistance(b, limit);
                if (contained <= limit) Assert.Equal(contained, within);
                else Assert.True(within > limit, $"m {m}: containment {contained}, limit {limit}, bit-parallel {within}");
            }
        }
    }

    [Fact]
    public void Bit_parallel_distance_of_a_64_word_pattern_counts_its_last_word()
    {
        // The pattern's last word is the state's top bit: an edit there must count.
        var a = Enumerable.Range(0, 64).Select(i => (ulong)i).ToArray();
        var b = a.ToArray();
        b[63] = 1000;
        var pattern = new WordPattern();
        pattern.Set(a);
        Assert.Equal(0, pattern.Distance(a, 5));
        Assert.Equal(1, pattern.Distance(b, 5));
        Assert.Equal(1, pattern.Distance(a[..63], 5));
        Assert.Equal(1, pattern.ContainDistance(b, 5));
        Assert.Equal(0, pattern.ContainDistance([7, 8, .. a, 9], 5));
    }
}
