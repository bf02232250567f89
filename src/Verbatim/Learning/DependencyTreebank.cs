using System.Globalization;
using System.IO.Compression;
using Verbatim.Text;

namespace Verbatim.Learning;

/// <summary>
/// One sentence of a dependency treebank: the words as one text with their token spans, the gold head of each word
/// (sentence-relative index, -1 for the root), its label (<see cref="DependencyLabels"/>), and the treebank's own
/// Universal POS tags when it has them (empty otherwise: the trainer tags with Verbatim's tagger anyway).
/// </summary>
public sealed record DependencySentence(string Text, Token[] Tokens, int[] Heads, byte[] Labels, byte[] Pos);

/// <summary>
/// The compact label set of the parser: UD v2 relations, subtypes collapsed except the few the extraction wants
/// (nsubj:pass, aux:pass, nmod:poss, acl:relcl, compound:prt). Index 0 is the root.
/// </summary>
public static class DependencyLabels
{
    public static readonly string[] Names =
    [
        "root", "nsubj", "nsubj:pass", "obj", "iobj", "csubj", "ccomp", "xcomp", "obl", "expl", "advcl", "advmod",
        "discourse", "aux", "aux:pass", "cop", "mark", "nmod", "nmod:poss", "appos", "nummod", "acl", "acl:relcl", "amod",
        "det", "case", "conj", "cc", "fixed", "flat", "compound", "compound:prt", "parataxis", "punct", "dep",
    ];

    public const int Count = 35;
    public const byte Root = 0, Nsubj = 1, NsubjPass = 2, Obj = 3, Csubj = 5, Ccomp = 6, Xcomp = 7, Obl = 8,
        Advcl = 10, Mark = 16, Nmod = 17, AclRelcl = 22, Conj = 26, Cc = 27, Flat = 29, Compound = 30, Parataxis = 32,
        Punct = 33, Dep = 34;

    private static readonly Dictionary<string, byte> ByName = Names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => (byte)p.i, StringComparer.Ordinal);

    /// <summary>The index of a label of the compact set, or -1.</summary>
    public static int IndexOf(string name) => ByName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>
    /// A UD v2 relation (as in UD English EWT) mapped to the compact set: itself when in the set, else its base relation
    /// (obl:unmarked → obl, nsubj:outer → nsubj, det:predet → det), else list → parataxis and everything left
    /// (vocative, dislocated, goeswith, reparandum, orphan, clf) → dep.
    /// </summary>
    public static byte FromUdV2(string deprel)
    {
        if (ByName.TryGetValue(deprel, out var i)) return i;
        int colon = deprel.IndexOf(':');
        if (colon > 0 && ByName.TryGetValue(deprel[..colon], out i)) return i;
        return deprel == "list" ? Parataxis : Dep;
    }

    /// <summary>
    /// A UD v1 relation (as CoreNLP 3.5–3.9 writes it) mapped to the compact set: dobj → obj, nsubjpass → nsubj:pass,
    /// csubjpass → csubj, auxpass → aux:pass, mwe → fixed, neg → advmod, name → flat, and nmod (with nmod:tmod, nmod:npmod)
    /// → obl when its head is a predicate (a verb, adjective or adverb: <paramref name="headIsPredicate"/>), else nmod.
    /// </summary>
    public static byte FromUdV1(string deprel, bool headIsPredicate) => deprel switch
    {
        "dobj" => Obj,
        "nsubjpass" => NsubjPass,
        "csubjpass" => Csubj,
        "auxpass" => (byte)IndexOf("aux:pass"),
        "mwe" => (byte)IndexOf("fixed"),
        "neg" => (byte)IndexOf("advmod"),
        "name" => Flat,
        "nmod" or "nmod:tmod" or "nmod:npmod" => headIsPredicate ? Obl : Nmod,
        _ => FromUdV2(deprel),
    };
}

/// <summary>Reads dependency treebanks: UD CoNLL-U and the CoreNLP TSV of ../shared/data/polnear-corenlp.</summary>
public static class DependencyTreebank
{
    /// <summary>UD CoNLL-U sentences (gzip or plain): words (multi-word token and empty node lines skipped), UPOS, head, deprel (v2).</summary>
    public static IEnumerable<DependencySentence> ReadConllu(string path)
    {
        using var file = File.OpenRead(path);
        Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        var tags = new List<byte>();
        var heads = new List<int>();
        var labels = new List<byte>();
        string? line;
        int lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                if (words.Count > 0) yield return Build(words, heads, labels, tags.ToArray());
                words.Clear(); tags.Clear(); heads.Clear(); labels.Clear();
                continue;
            }
            if (line[0] == '#') continue;
            var cells = line.Split('\t');
            if (cells.Length < 8 || cells[0].Contains('-') || cells[0].Contains('.')) continue;
            if (!int.TryParse(cells[6], NumberStyles.None, CultureInfo.InvariantCulture, out int head))
                throw new InvalidDataException($"{path}:{lineNumber}: head '{cells[6]}' is not a number");
            int tag = PosTagger.TagIndex(cells[3]);
            words.Add(cells[1]);
            tags.Add((byte)(tag < 0 ? PosTagger.TagIndex("X") : tag));
            heads.Add(head - 1);
            labels.Add(DependencyLabels.FromUdV2(cells[7]));
        }
        if (words.Count > 0) yield return Build(words, heads, labels, tags.ToArray());
    }

    private static DependencySentence Build(List<string> words, List<int> heads, List<byte> labels, byte[] pos)
    {
        var text = string.Join(' ', words);
        var tokens = new Token[words.Count];
        int at = 0;
        for (int i = 0; i < words.Count; i++)
        {
            tokens[i] = new Token(at, at + words[i].Length, TokenKind.Word, TokenFlags.None);
            at += words[i].Length + 1;
        }
        var h = heads.ToArray();
        for (int i = 0; i < h.Length; i++)
            if (h[i] < -1 || h[i] >= h.Length) throw new InvalidDataException($"sentence '{Clip(text)}': head {h[i] + 1} of word {i + 1} outside the sentence");
        return new DependencySentence(text, tokens, h, labels.ToArray(), pos);
    }

    private static string Clip(string s) => s.Length <= 60 ? s : s[..60] + "…";

    /// <summary>
    /// The sentences of every <c>*.tsv.gz</c> of a polnear-corenlp split folder (ordinal order), over the original article
    /// texts in <paramref name="textDir"/> (&lt;stem&gt;.txt): each sentence's text is the article's text from its first
    /// token to its last, tokens are the original surfaces (not CoreNLP's PTB-normalised words). Labels are UD v1 mapped
    /// to the compact set, with two UD v2 conventions restored: a coordinating conjunction or comma hangs on the conjunct
    /// after it (v1: on the first conjunct), and a person's name is flat with its first word as head (v1: compound on the
    /// last). A file without its text, or a malformed file, is left out with a warning.
    /// </summary>
    public static List<DependencySentence> ReadCorenlp(string splitDir, string textDir, List<string>? warnings = null)
    {
        var result = new List<DependencySentence>();
        foreach (var path in Directory.EnumerateFiles(splitDir, "*.tsv.gz").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileName(path)[..^".tsv.gz".Length];
            var textPath = Path.Combine(textDir, stem + ".txt");
            if (!File.Exists(textPath)) { warnings?.Add($"{path}: no text {textPath}; left out"); continue; }
            try { result.AddRange(ReadCorenlpFile(path, File.ReadAllText(textPath))); }
            catch (InvalidDataException e) { warnings?.Add($"{path}: {e.Message}; left out"); }
        }
        return result;
    }

    private readonly record struct CoreRow(int Start, int End, string Ptb, string Ner, int Head, string Deprel);

    internal static List<DependencySentence> ReadCorenlpFile(string path, string text)
    {
        // Offsets are code points: to UTF-16 through a table only when the text has surrogate pairs.
        int[]? utf16 = null;
        if (text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            var map = new List<int>();
            for (int i = 0; i < text.Length; i++)
            {
                map.Add(i);
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            }
            map.Add(text.Length);
            utf16 = map.ToArray();
        }
        int At(int cp) => utf16 is null ? cp : cp < utf16.Length ? utf16[cp] : throw new InvalidDataException($"offset {cp} beyond the text");

        var sentences = new List<DependencySentence>();
        var rows = new List<CoreRow>();
        using var file = File.OpenRead(path);
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
        string? line;
        int lineNumber = 0;
        while (true)
        {
            line = reader.ReadLine();
            lineNumber++;
            if (line is null || line.Length == 0)
            {
                if (rows.Count > 0) sentences.Add(BuildCorenlp(rows, text));
                rows.Clear();
                if (line is null) break;
                continue;
            }
            var c = line.Split('\t');
            if (c.Length < 10 || !int.TryParse(c[3], CultureInfo.InvariantCulture, out int start) || !int.TryParse(c[4], CultureInfo.InvariantCulture, out int end)
                || !int.TryParse(c[8], CultureInfo.InvariantCulture, out int head))
                throw new InvalidDataException($"line {lineNumber}: not a CoreNLP token line");
            start = At(start); end = At(end);
            if (start < 0 || end < start || end > text.Length) throw new InvalidDataException($"line {lineNumber}: offsets outside the text");
            rows.Add(new CoreRow(start, end, c[6], c[7], head - 1, c[9]));
        }
        return sentences;
    }

    private static DependencySentence BuildCorenlp(List<CoreRow> rows, string text)
    {
        int n = rows.Count;
        int first = rows[0].Start, last = rows.Max(r => r.End);
        var tokens = new Token[n];
        var heads = new int[n];
        var labels = new byte[n];
        for (int i = 0; i < n; i++)
        {
            var r = rows[i];
            if (r.Head < -1 || r.Head >= n) throw new InvalidDataException($"head {r.Head + 1} outside its sentence");
            int s = Math.Max(r.Start, first) - first, e = Math.Max(r.End, r.Start) - first;
            tokens[i] = new Token(s, e, TokenKind.Word, TokenFlags.None);
            heads[i] = r.Head;
            bool predicate = r.Head >= 0 && rows[r.Head].Ptb.Length > 0 && (rows[r.Head].Ptb[0] is 'V' or 'J' || rows[r.Head].Ptb.StartsWith("RB", StringComparison.Ordinal));
            labels[i] = r.Deprel == "root" ? DependencyLabels.Root : DependencyLabels.FromUdV1(r.Deprel, predicate);
        }
        ToV2Coordination(heads, labels, rows);
        FlatNames(heads, labels, rows);
        return new DependencySentence(text[first..last], tokens, heads, labels, []);
    }

    /// <summary>UD v2 coordination: cc, and a comma or semicolon, between a first conjunct and a later one hang on the next conjunct.</summary>
    private static void ToV2Coordination(int[] heads, byte[] labels, List<CoreRow> rows)
    {
        for (int t = 0; t < heads.Length; t++)
        {
            int h = heads[t];
            if (h < 0 || h > t) continue;
            bool comma = labels[t] == DependencyLabels.Punct && rows[t].Ptb is "," or ":";
            if (labels[t] != DependencyLabels.Cc && !comma) continue;
            for (int c = t + 1; c < heads.Length; c++)
                if (heads[c] == h && labels[c] == DependencyLabels.Conj) { heads[t] = c; break; }
        }
    }

    /// <summary>A person's name (two or more NNP tokens tagged PERSON, each before the last a compound of the last) becomes
    /// flat, headed by its first word as in UD v2 English.</summary>
    private static void FlatNames(int[] heads, byte[] labels, List<CoreRow> rows)
    {
        for (int i = 0; i < heads.Length; i++)
        {
            int j = i;
            while (j + 1 < heads.Length && IsPersonName(rows[j + 1])) j++;
            if (!IsPersonName(rows[i]) || j == i) { i = j; continue; }
            bool chain = true;
            for (int k = i; k < j; k++) if (heads[k] != j || labels[k] != DependencyLabels.Compound) { chain = false; break; }
            if (chain)
            {
                heads[i] = heads[j]; labels[i] = labels[j];
                for (int k = 0; k < heads.Length; k++) if (heads[k] == j && (k < i || k > j)) heads[k] = i;
                for (int k = i + 1; k <= j; k++) { heads[k] = i; labels[k] = DependencyLabels.Flat; }
            }
            i = j;
        }
    }

    private static bool IsPersonName(CoreRow r) => r.Ner == "PERSON" && r.Ptb.StartsWith("NNP", StringComparison.Ordinal);

    /// <summary>Whether a tree (heads sentence-relative, -1 the root) is projective: no two arcs cross (the root arc runs
    /// to a position after the last word).</summary>
    public static bool IsProjective(ReadOnlySpan<int> heads)
    {
        int n = heads.Length;
        for (int a = 0; a < n; a++)
        {
            int ha = heads[a] < 0 ? n : heads[a];
            int lo = Math.Min(a, ha), hi = Math.Max(a, ha);
            for (int b = 0; b < n; b++)
            {
                int hb = heads[b] < 0 ? n : heads[b];
                int lo2 = Math.Min(b, hb), hi2 = Math.Max(b, hb);
                if (lo < lo2 && lo2 < hi && hi < hi2) return false;
            }
        }
        return true;
    }

    /// <summary>Whether heads form one tree: exactly one root, every head inside the sentence, no cycle.</summary>
    public static bool IsTree(ReadOnlySpan<int> heads)
    {
        int n = heads.Length, roots = 0;
        for (int i = 0; i < n; i++)
        {
            if (heads[i] == -1) roots++;
            else if (heads[i] < 0 || heads[i] >= n || heads[i] == i) return false;
        }
        if (roots != 1) return false;
        for (int i = 0; i < n; i++)
        {
            int at = i, steps = 0;
            while (at != -1) { at = heads[at]; if (++steps > n) return false; }
        }
        return true;
    }
}
