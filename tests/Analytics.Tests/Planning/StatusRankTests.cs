using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using static DiaBan.Analytics.Classification.CommuneStatus;

namespace DiaBan.Analytics.Tests.Planning;

public class StatusRankTests
{
    [Theory]
    [InlineData(HasDrugs, DrugFree, StatusChange.Improved)]
    [InlineData(KeyTypeI, KeyTypeIII, StatusChange.Improved)]
    [InlineData(DrugFree, KeyTypeIII, StatusChange.Worsened)]
    [InlineData(KeyTypeII, KeyTypeII, StatusChange.Unchanged)]
    public void Compare_follows_the_severity_order(CommuneStatus from, CommuneStatus to, StatusChange expected)
    {
        Assert.Equal(expected, StatusRank.Compare(from, to));
    }

    [Fact]
    public void A_missing_assessment_is_neither_better_nor_worse()
    {
        Assert.Equal(StatusChange.NotComparable, StatusRank.Compare(null, KeyTypeI));
        Assert.Equal(StatusChange.NotComparable, StatusRank.Compare(DrugFree, null));
    }

    [Fact]
    public void Every_status_is_on_the_axis_once_and_not_assessed_comes_last()
    {
        Assert.Equal(CommuneStatusInfo.All.Count + 1, StatusRank.Axis.Count);
        Assert.Equal(StatusRank.Axis.Count, StatusRank.Axis.Distinct().Count());
        Assert.Null(StatusRank.Axis[^1]);
    }

    [Fact]
    public void Insufficient_data_is_unranked_and_has_its_own_axis_entry()
    {
        var unranked = CommuneStatusInfo.All.Where(s => !((CommuneStatus?)s).IsRanked()).ToList();
        Assert.Equal([InsufficientData], unranked);
        Assert.Equal(StatusRank.InsufficientDataCode, InsufficientData.Code());
        Assert.Contains((CommuneStatus?)InsufficientData, StatusRank.Axis);
        Assert.Equal(StatusChange.NotComparable, StatusRank.Compare(InsufficientData, KeyTypeI));
        Assert.Equal(StatusChange.NotComparable, StatusRank.Compare(DrugFree, InsufficientData));
        Assert.Equal(KeyTypeI.Severity(), StatusRank.MaxSeverity);
    }
}
