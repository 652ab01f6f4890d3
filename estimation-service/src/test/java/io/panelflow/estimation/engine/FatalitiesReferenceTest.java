package io.panelflow.estimation.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.Test;

/** S8: Fatalities frate ~ beertax | state + year, and a column with controls after listwise deletion. */
class FatalitiesReferenceTest {

    @Test
    void beerTaxColumns() {
        JsonNode expected = SharedReference.json("S8_fatalities_twfe").get("expected");
        ReferenceTable all = ReferenceTable.read("S8_fatalities_twfe.csv");
        model(all, new String[]{"beertax"}, expected.get("col1"), "S8 col1");
        String[] jail = all.text("jail");
        String[] service = all.text("service");
        ReferenceTable complete = all.filter(i -> !jail[i].isEmpty() && !service[i].isEmpty());
        model(complete, new String[]{"beertax", "drinkage", "jail", "service", "vmiles", "unemp", "log(income)"},
                expected.get("col2"), "S8 col2");
    }

    private static void model(ReferenceTable t, String[] terms, JsonNode model, String label) {
        double[] fatal = t.num("fatal");
        double[] pop = t.num("pop");
        double[] frate = new double[t.rows()];
        for (int i = 0; i < frate.length; i++) {
            frate[i] = fatal[i] / pop[i] * 10000;
        }
        double[][] x = new double[terms.length][];
        for (int j = 0; j < terms.length; j++) {
            x[j] = switch (terms[j]) {
                case "jail", "service" -> yesNo(t.text(terms[j]));
                case "vmiles" -> scale(t.num("miles"), 1.0 / 1000);
                case "log(income)" -> t.log("income");
                default -> t.num(terms[j]);
            };
        }
        int[] state = t.codes("state");
        Design d = Design.ols(frate, "frate", x, terms, new int[][]{state, t.codes("year")}, new String[]{"state", "year"});
        ReferenceChecks.allBlocks(model, d, EstimationOptions.DEFAULT, state, "state", ReferenceChecks.TIGHT, label);
    }

    private static double[] yesNo(String[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].equals("yes") ? 1 : 0;
        }
        return out;
    }

    private static double[] scale(double[] v, double f) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= f;
        }
        return out;
    }
}
