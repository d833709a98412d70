namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// A read-only window onto part of a stream (an archive member's bytes). Over a forward-only stream (a decompressor)
/// it is forward-only too and simply stops after <paramref name="length"/> bytes.
/// </summary>
internal sealed class SubStream(Stream inner, long start, long length, bool seekable = true) : Stream
{
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = seekable ? Math.Clamp(value, 0, length) : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var toRead = (int)Math.Min(count, length - _position);
        if (toRead <= 0)
        {
            return 0;
        }

        if (seekable)
        {
            inner.Position = start + _position;
        }

        var read = inner.Read(buffer, offset, toRead);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    protected override void Dispose(bool disposing)
    {
        if (disposing && !seekable)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
