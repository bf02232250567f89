using Verbatim.Corpus;
using Xunit;

namespace Verbatim.Tests.Corpus;

public sealed class StampedSetTests
{
    [Fact]
    public void Adds_once_and_clears_in_one_step()
    {
        var set = new StampedSet<int>(4);
        Assert.True(set.Add(7));
        Assert.False(set.Add(7));
        Assert.True(set.Add(0));
        Assert.Equal(2, set.Count);
        set.Clear();
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(7));
        Assert.True(set.Add(7));
    }

    [Fact]
    public void Agrees_with_a_hash_set_through_growth_and_many_clears()
    {
        var set = new StampedSet<int>(2);
        var reference = new HashSet<int>();
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            // Rounds of very different sizes: a large one grows the arrays, the small ones after it must not see its keys.
            var n = round % 17 == 0 ? 3000 : random.Next(0, 40);
            for (var i = 0; i < n; i++)
            {
                var k = random.Next(0, 5000);
                Assert.Equal(reference.Add(k), set.Add(k));
            }
            Assert.Equal(reference.Count, set.Count);
            for (var k = 0; k < 5000; k += 37) Assert.Equal(reference.Contains(k), set.Contains(k));
            reference.Clear();
            set.Clear();
        }
    }

    [Fact]
    public void Long_keys_carry_their_values_through_growth_and_clears()
    {
        var set = new StampedSet<ulong>(2);
        var reference = new Dictionary<ulong, int>();
        var random = new Random(9);
        for (var round = 0; round < 100; round++)
        {
            var n = round % 13 == 0 ? 2000 : random.Next(0, 30);
            for (var i = 0; i < n; i++)
            {
                var k = (ulong)random.NextInt64() % 3000UL << 33; // far apart in the high bits
                var expected = reference.TryGetValue(k, out var v) ? v : -1;
                if (expected < 0) reference[k] = i;
                Assert.Equal(expected, set.AddOrGet(k, i));
            }
            Assert.Equal(reference.Count, set.Count);
            foreach (var k in reference.Keys) Assert.True(set.Contains(k));
            reference.Clear();
            set.Clear();
            Assert.False(set.Contains(0));
        }
    }
}
