using System.Text;
using Verbatim.Readers;

namespace Verbatim.Tests.Readers;

public sealed class FolderAndStdinTests
{
    private static readonly ReaderOptions Dated = new() { Date = new DateOnly(2022, 7, 8) };

    [Fact]
    public void Folders_are_read_recursively_in_ordinal_path_order_skipping_hidden_and_unknown_files()
    {
        using var dir = new TempDir();
        dir.Write("b.txt", "b");
        dir.Write("b/c.txt", "b/c");
        dir.Write("B.txt", "B");                         // upper case sorts first, ordinally
        dir.Write("a.txt", "a");
        dir.Write("a-z/x.txt", "a-z/x");                 // '-' < '.': before a.txt
        dir.Write("z.jsonl", "{\"text\":\"z1\"}\n{\"text\":\"z2\"}\n");
        dir.Write("y.ndjson", "{\"text\":\"y1\"}\n");
        dir.Write(".hidden.txt", "hidden");
        dir.Write(".git/config.txt", "hidden folder");
        dir.Write("notes.md", "not an article");
        dir.Write("attributions/x.ann", "T1\tSource 0 4\tJohn");

        var texts = ArticleSources.Open([dir.Path], Dated).Select(r => r.Article!.Text).ToList();

        Assert.Equal(["B", "a-z/x", "a", "b", "b/c", "y1", "z1", "z2"], texts);
    }

    [Fact]
    public void Folder_origins_are_the_joined_paths()
    {
        using var dir = new TempDir();
        var path = dir.Write("sub/one.txt", "x");
        var a = Assert.Single(ArticleSources.Open([dir.Path], Dated)).Article!;
        Assert.Equal(path, a.Origin);
        Assert.Equal("one", a.Id);
    }

    [Fact]
    public void Inputs_are_read_in_the_order_given()
    {
        using var dir = new TempDir();
        var z = dir.Write("z.txt", "z");
        var a = dir.Write("a.txt", "a");
        Assert.Equal(["z", "a"], ArticleSources.Open([z, a], Dated).Select(r => r.Article!.Text));
    }

    public static TheoryData<string, string[]> StdinCases => new()
    {
        { "{\"text\":\"one\"}\n{\"text\":\"two\"}\n", ["stdin-1|stdin:1|one", "stdin-2|stdin:2|two"] },
        { "\uFEFF \n\t {\"id\":\"k\",\"text\":\"one\"}", ["k|stdin:2|one"] },
        { "He said {braces} are fine.\n{\"text\":\"x\"}", ["stdin|stdin|He said {braces} are fine.\n{\"text\":\"x\"}"] },
        { "  [\"not\", \"jsonl\"]", ["stdin|stdin|  [\"not\", \"jsonl\"]"] },
    };

    [Theory]
    [MemberData(nameof(StdinCases))]
    public void Stdin_is_json_lines_when_its_first_non_white_char_is_a_brace_else_one_text(string input, string[] expected)
    {
        var options = Dated with { StandardInput = () => new MemoryStream(Encoding.UTF8.GetBytes(input)) };
        var got = ArticleSources.Open(["-"], options).Select(r => $"{r.Article!.Id}|{r.Article.Origin}|{r.Article.Text}");
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Stdin_plain_text_keeps_its_header_and_bad_stdin_is_a_rejection()
    {
        var text = ArticleSources.FromStream(new MemoryStream(" date 2021-01-02 Body."u8.ToArray()), "stdin", "stdin", new ReaderOptions());
        var a = Assert.Single(text).Article!;
        Assert.Equal((17, new DateOnly(2021, 1, 2)), (a.BodyStart, a.Date!.Value));

        var empty = Assert.Single(ArticleSources.FromStream(new MemoryStream(), "stdin", "stdin", Dated));
        Assert.Equal("stdin", empty.Rejection!.Record);
        Assert.Contains("empty text", empty.Rejection.Reason);

        var big = Assert.Single(ArticleSources.FromStream(new NonSeekable(new string('x', 5000)), "stdin", "stdin", Dated with { MaxArticleBytes = 4096 }));
        Assert.Contains("too large", big.Rejection!.Reason);
    }

    [Fact]
    public void Stdin_json_lines_stream_is_read_lazily_one_record_at_a_time()
    {
        // An endless stream: only a lazy reader can hand out the first records.
        var endless = new EndlessJsonLines();
        var first = ArticleSources.FromStream(endless, "stdin", "stdin", Dated).Take(3).ToList();
        Assert.Equal(["stdin-1", "stdin-2", "stdin-3"], first.Select(r => r.Article!.Id));
    }

    private sealed class NonSeekable(string text) : MemoryStream(Encoding.UTF8.GetBytes(text))
    {
        public override bool CanSeek => false;
    }

    private sealed class EndlessJsonLines : Stream
    {
        private static readonly byte[] Line = "{\"text\":\"again\"}\n"u8.ToArray();
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++, _pos++) buffer[offset + i] = Line[_pos % Line.Length];
            return count;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
