namespace Verbatim.Learning;

/// <summary>
/// How the taggers store a quantised weight table (16-bit integers, <c>size</c> rows of <c>stride</c>): the number of
/// rows with a non-zero weight, their indices as 7-bit-encoded gaps, then their values column by column (the values of
/// one output across rows compress better together). The same table always gives the same bytes.
/// </summary>
internal static class SparseRows
{
    public static void Write(BinaryWriter w, short[] weights, int size, int stride, int columns)
    {
        var rows = Enumerable.Range(0, size).Where(i => weights.AsSpan(i * stride, stride).IndexOfAnyExcept((short)0) >= 0).ToArray();
        w.Write(rows.Length);
        int prev = -1;
        foreach (int i in rows)
        {
            w.Write7BitEncodedInt(i - prev);
            prev = i;
        }
        for (int c = 0; c < columns; c++)
            foreach (int i in rows) w.Write(weights[i * stride + c]);
    }

    /// <summary>Reads a table <see cref="Write"/> wrote; <paramref name="model"/> names it in errors ("the entity model").</summary>
    public static short[] Read(BinaryReader r, int size, int stride, int columns, string model)
    {
        int rows = r.ReadInt32();
        if (rows < 0 || rows > size) throw new InvalidDataException($"bad row count in {model}");
        var index = new int[rows];
        int prev = -1;
        for (int k = 0; k < rows; k++)
        {
            prev += r.Read7BitEncodedInt();
            if (prev < 0 || prev >= size) throw new InvalidDataException($"bad row index in {model}");
            index[k] = prev;
        }
        var weights = new short[size * stride];
        for (int c = 0; c < columns; c++)
            foreach (int row in index) weights[row * stride + c] = r.ReadInt16();
        return weights;
    }
}
