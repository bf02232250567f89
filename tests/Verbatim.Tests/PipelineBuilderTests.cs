using Verbatim.Pipeline;

namespace Verbatim.Tests;

public sealed class PipelineBuilderTests
{
    private sealed class NamedStage(string name) : IStage
    {
        public string Name => name;
        public void Run(Document document) { }
    }

    [Fact]
    public void Stages_run_in_the_order_they_were_added()
    {
        var p = new PipelineBuilder().Add(new NamedStage("b")).Add(new NamedStage("a")).Build();
        Assert.Equal(["b", "a"], p.StageNames);
    }

    [Fact]
    public void A_stage_cannot_be_added_twice()
    {
        var b = new PipelineBuilder().Add(new NamedStage("x"));
        Assert.Throws<InvalidOperationException>(() => b.Add(new NamedStage("x")));
    }
}
