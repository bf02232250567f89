using Verbatim.Learning;

namespace Verbatim.Tests.Learning;

/// <summary>The training orders and the mean that make each shipped perceptron the mean of several runs.</summary>
public sealed class ParameterMixingTests
{
    [Fact]
    public void The_first_run_keeps_the_data_order()
    {
        Assert.Equal(Enumerable.Range(0, 50), RankerWeights.Order(50, run: 0, epoch: 3));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 4)]
    public void Other_runs_shuffle_every_example_once_and_the_same_way_each_time(int run, int epoch)
    {
        var order = RankerWeights.Order(200, run, epoch);
        Assert.Equal(Enumerable.Range(0, 200), order.Order());
        Assert.NotEqual(Enumerable.Range(0, 200), order);
        Assert.Equal(order, RankerWeights.Order(200, run, epoch));
        // another epoch of the same run is another order
        Assert.NotEqual(order, RankerWeights.Order(200, run, epoch + 1));
    }

    [Fact]
    public void The_mixed_table_is_the_mean_of_the_runs()
    {
        var mean = new float[3];
        RankerWeights.AddMean(mean, [3f, 0f, -6f], 3);
        RankerWeights.AddMean(mean, [0f, 3f, 0f], 3);
        RankerWeights.AddMean(mean, [3f, 3f, 3f], 3);
        Assert.Equal([2f, 2f, -1f], mean);
    }
}
