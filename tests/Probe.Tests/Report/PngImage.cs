using System.Buffers.Binary;
using System.IO.Compression;

namespace Probe.Tests.Report;

/// <summary>A minimal PNG decoder (8-bit RGB/RGBA, not interlaced: what Chromium's screenshots are) for reading pixels back.</summary>
internal sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _bpp;

    private PngImage(int width, int height, int bpp, byte[] pixels)
    {
        Width = width;
        Height = height;
        _bpp = bpp;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var at = ((y * Width) + x) * _bpp;
            return (_pixels[at], _pixels[at + 1], _pixels[at + 2]);
        }
    }

    public static PngImage Read(string path)
    {
        var data = File.ReadAllBytes(path);
        int width = 0, height = 0, bpp = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            var body = data.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                Assert.That((body[8], body[12]), Is.EqualTo(((byte)8, (byte)0)), "8-bit, not interlaced");
                bpp = body[9] switch { 2 => 3, 6 => 4, var c => throw new NotSupportedException($"PNG colour type {c}") };
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            z.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int a = i >= bpp ? pixels[(y * stride) + i - bpp] : 0;
                int b = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int c = i >= bpp && y > 0 ? pixels[((y - 1) * stride) + i - bpp] : 0;
                int v = raw[(y * (stride + 1)) + 1 + i];
                pixels[(y * stride) + i] = (byte)(filter switch
                {
                    0 => v,
                    1 => v + a,
                    2 => v + b,
                    3 => v + ((a + b) / 2),
                    4 => v + Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
        }

        return new PngImage(width, height, bpp, pixels);
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
