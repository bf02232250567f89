using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>Writes the part-of-speech tag of every token (<see cref="Document.PosTags"/>); runs after sentences.</summary>
public sealed class PosStage(PosTagger tagger) : IStage
{
    public string Name => "pos";

    public void Run(Document doc) => doc.PosTags = tagger.Tag(doc);
}
