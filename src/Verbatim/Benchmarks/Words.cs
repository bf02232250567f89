namespace Verbatim.Benchmarks;

/// <summary>"Words" as the bench and progress count them: whitespace-separated tokens (of the body: a date header is not words).</summary>
public static class Words
{
    public static int Count(ReadOnlySpan<char> text)
    {
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            bool white = char.IsWhiteSpace(c);
            if (!white && !inWord) count++;
            inWord = !white;
        }
        return count;
    }
}
