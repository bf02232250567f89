using System.Buffers;
using System.Runtime.InteropServices;
using Verbatim.Pipeline;

namespace Verbatim.Learning;

/// <summary>Fills <see cref="Document.Entities"/> with the entity tagger's PER, ORG, LOC and MISC spans. Reads tokens
/// and sentences only; runs right after sentences.</summary>
public sealed class EntityStage(EntityTagger tagger) : IStage
{
    public string Name => "entities";

    public void Run(Document doc)
    {
        doc.Entities.Clear();
        int n = doc.Tokens.Count;
        if (n == 0) return;
        var tags = Verbatim.Text.BoundedPool<byte>.Rent(n);
        try
        {
            var span = tags.AsSpan(0, n);
            tagger.Tag(doc.Text, CollectionsMarshal.AsSpan(doc.Tokens), CollectionsMarshal.AsSpan(doc.Sentences), span);
            EntityTags.AddSpans(span, 0, doc.Entities);
        }
        finally
        {
            Verbatim.Text.BoundedPool<byte>.Return(tags);
        }
    }
}
