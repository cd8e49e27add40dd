using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DiaBan.Analytics.Risk;

/// <summary>SHA-256 over the training rows (unit id, quarter, features, labels) in row order, as lowercase hex.</summary>
public sealed class TrainingDataHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[8];

    public void Add(string unitId, int quarter, ReadOnlySpan<float> features, bool binaryLabel, double countLabel)
    {
        _hash.AppendData(Encoding.UTF8.GetBytes(unitId));
        AppendInt(quarter);
        foreach (float f in features) AppendInt(BitConverter.SingleToInt32Bits(f));
        AppendInt(binaryLabel ? 1 : 0);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer, BitConverter.DoubleToInt64Bits(countLabel));
        _hash.AppendData(_buffer, 0, 8);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();

    private void AppendInt(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, value);
        _hash.AppendData(_buffer, 0, 4);
    }
}
