namespace Verbatim.Learning;

/// <summary>
/// How the taggers store a quantised weight table (16-bit integers, <c>size</c> rows of <c>stride</c>): the number of
/// rows with a non-zero weight, their indices as 7-bit-encoded gaps, then their values column by column (the values of
/// one output across rows compress better together). The content model's float tables take the same layout with
/// half-precision values. The same table always gives the same bytes.
/// </summary>
internal static class SparseRows
{
    public static void Write(BinaryWriter w, short[] weights, int size, int stride, int columns)
    {
        var rows = Enumerable.Range(0, size).Where(i => weights.AsSpan(i * stride, stride).IndexOfAnyExcept((short)0) >= 0).ToArray();
        WriteRows(w, rows);
        for (int c = 0; c < columns; c++)
            foreach (int i in rows) w.Write(weights[i * stride + c]);
    }

    /// <summary>Reads a table <see cref="Write"/> wrote; <paramref name="model"/> names it in errors ("the entity model").</summary>
    public static short[] Read(BinaryReader r, int size, int stride, int columns, string model)
    {
        var index = ReadRows(r, size, model);
        var weights = new short[size * stride];
        for (int c = 0; c < columns; c++)
            foreach (int row in index) weights[row * stride + c] = r.ReadInt16();
        return weights;
    }

    /// <summary>The same layout for a float table, its values stored as half floats.</summary>
    public static void Write(BinaryWriter w, float[] weights, int size, int stride, int columns)
    {
        var rows = Enumerable.Range(0, size).Where(i => weights.AsSpan(i * stride, stride).IndexOfAnyExcept(0f) >= 0).ToArray();
        WriteRows(w, rows);
        for (int c = 0; c < columns; c++)
            foreach (int i in rows) w.Write((Half)weights[i * stride + c]);
    }

    /// <summary>Reads a float table <see cref="Write(BinaryWriter, float[], int, int, int)"/> wrote, into an array of
    /// <paramref name="size"/> × <paramref name="stride"/> + <paramref name="padding"/> floats.</summary>
    public static float[] ReadHalf(BinaryReader r, int size, int stride, int columns, string model, int padding = 0)
    {
        var index = ReadRows(r, size, model);
        var weights = new float[size * stride + padding];
        for (int c = 0; c < columns; c++)
            foreach (int row in index) weights[row * stride + c] = (float)r.ReadHalf();
        return weights;
    }

    /// <summary>The count of non-zero rows, then their indices as 7-bit-encoded gaps.</summary>
    private static void WriteRows(BinaryWriter w, int[] rows)
    {
        w.Write(rows.Length);
        int prev = -1;
        foreach (int i in rows)
        {
            w.Write7BitEncodedInt(i - prev);
            prev = i;
        }
    }

    /// <summary>Reads what <see cref="WriteRows"/> wrote, checking every index against <paramref name="size"/>.</summary>
    private static int[] ReadRows(BinaryReader r, int size, string model)
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
        return index;
    }
}
