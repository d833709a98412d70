namespace OpenModel.Core.Inspection.Pickle;

/// <summary>
/// Buffered reading of a pickle stream with the absolute offset of every byte, skipping payloads instead of reading
/// them. The buffer is large (1 MiB, or the stream's length when smaller) so the opcode loop rarely leaves it.
/// </summary>
internal sealed class PickleInput
{
    private const int BufferSize = 1 << 20;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private int _length;
    private int _position;
    private long _consumedBeforeBuffer;

    public PickleInput(Stream stream, long? length)
    {
        _stream = stream;
        Length = length ?? (stream.CanSeek ? stream.Length - stream.Position : null);
        _buffer = new byte[Length is { } known ? (int)Math.Clamp(known, 16, BufferSize) : BufferSize];
    }

    /// <summary>Bytes in the stream, when known: declared lengths beyond it are truncation, never an allocation.</summary>
    public long? Length { get; }

    public long Offset => _consumedBeforeBuffer + _position;

    public long? Remaining => Length - Offset;

    public bool AtEnd => _position >= _length && !Fill();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int ReadByte() => _position < _length ? _buffer[_position++] : ReadByteAfterFill();

    private int ReadByteAfterFill() => Fill() ? _buffer[_position++] : -1;

    /// <summary>
    /// The next <paramref name="count"/> bytes straight from the buffer when they are all in it (the common case, and
    /// the hot path of opcode-dense pickles); false, consuming nothing, when they straddle a refill.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool TryTake(int count, out ReadOnlySpan<byte> bytes)
    {
        if (_length - _position >= count)
        {
            bytes = _buffer.AsSpan(_position, count);
            _position += count;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>Reads up to <paramref name="count"/> bytes into a new array; null if the stream ends first.</summary>
    public byte[]? ReadBytes(int count)
    {
        if (TryTake(count, out var span))
        {
            return span.ToArray();
        }

        var result = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var b = ReadByte();
            if (b < 0)
            {
                return null;
            }

            result[i] = (byte)b;
        }

        return result;
    }

    public long? ReadLittleEndian(int size)
    {
        if (TryTake(size, out var span))
        {
            return size switch
            {
                1 => span[0],
                2 => System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(span),
                4 => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(span),
                _ => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(span),
            };
        }

        long value = 0;
        for (var i = 0; i < size; i++)
        {
            var b = ReadByte();
            if (b < 0)
            {
                return null;
            }

            value |= (long)b << (8 * i);
        }

        return value;
    }

    /// <summary>Skips a payload; false when the stream ends before it does.</summary>
    public bool Skip(long count)
    {
        while (count > 0)
        {
            if (_position >= _length && !Fill())
            {
                return false;
            }

            var step = (int)Math.Min(count, _length - _position);
            _position += step;
            count -= step;
        }

        return true;
    }

    /// <summary>A newline-terminated line of at most <paramref name="maxLength"/> bytes, decoded as UTF-8 as CPython does, or null.</summary>
    public string? ReadLine(int maxLength)
    {
        // Almost always the whole line is in the buffer: decode it from there instead of byte by byte.
        var buffered = _buffer.AsSpan(_position, Math.Min(_length - _position, maxLength + 1));
        if (buffered.IndexOf((byte)'\n') is var newline and >= 0)
        {
            _position += newline + 1;
            return System.Text.Encoding.UTF8.GetString(buffered[..newline]);
        }

        var bytes = new List<byte>();
        while (bytes.Count <= maxLength)
        {
            var b = ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return System.Text.Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
            }

            bytes.Add((byte)b);
        }

        return null;
    }

    private bool Fill()
    {
        _consumedBeforeBuffer += _length;
        _position = 0;
        _length = Length is { } total ? (int)Math.Min(_buffer.Length, Math.Max(0, total - _consumedBeforeBuffer)) : _buffer.Length;
        _length = _length == 0 ? 0 : _stream.Read(_buffer, 0, _length);
        return _length > 0;
    }
}
