namespace DiaBan.Analytics.Risk;

/// <summary>One model input: its stable name and the Vietnamese phrase that states its value to a reader.</summary>
public sealed record RiskFeature(string Name, Func<double, string> Phrase)
{
    public override string ToString() => Name;
}
