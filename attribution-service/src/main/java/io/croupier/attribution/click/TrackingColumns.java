package io.croupier.attribution.click;

import java.sql.ResultSet;
import java.sql.SQLException;

import io.croupier.events.Tracking;

/** The tracking columns (source, campaign, sub1..sub5) that the clicks and player_links tables both keep. */
public final class TrackingColumns {

    public static final String NAMES = "source, campaign, sub1, sub2, sub3, sub4, sub5";

    public static Tracking read(ResultSet rs) throws SQLException {
        return new Tracking(rs.getString("source"), rs.getString("campaign"), rs.getString("sub1"),
                rs.getString("sub2"), rs.getString("sub3"), rs.getString("sub4"), rs.getString("sub5"));
    }

    /** The values in the order of {@link #NAMES}. */
    public static Object[] values(Tracking tracking) {
        return new Object[] { tracking.getSource(), tracking.getCampaign(), tracking.getSub1(), tracking.getSub2(),
                tracking.getSub3(), tracking.getSub4(), tracking.getSub5() };
    }

    private TrackingColumns() {
    }
}
