using Verbatim.Corpus;
using Xunit;

namespace Verbatim.Tests.Corpus;

public sealed class StampedIntSetTests
{
    [Fact]
    public void Adds_once_and_clears_in_one_step()
    {
        var set = new StampedIntSet(4);
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
        var set = new StampedIntSet(2);
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
}
