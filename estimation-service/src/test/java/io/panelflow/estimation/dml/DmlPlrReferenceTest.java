package io.panelflow.estimation.dml;

import io.panelflow.testing.ReferenceCsv;
import com.fasterxml.jackson.databind.JsonNode;
import io.panelflow.testing.SharedReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * D1: DML partially linear model, partialling-out score, DML2, 5-fold cross-fitting on the given
 * fold column, with OLS learners (exact) and glmnet-equivalent lasso at λ = 0.05 (solver run to full
 * convergence, as the reference's glmnet thresh = 1e-20).
 */
class DmlPlrReferenceTest {
    /** Deterministic statistics: relative 1e-8. */
    static final double REL = 1e-8;
    /**
     * Lasso coefficients and predictions: absolute 1e-9 (two fully converged reference solvers,
     * glmnet and scikit-learn, agree to 1.6e-11 in coefficients and 4.3e-11 in predictions).
     */
    static final double LASSO_ABS = 1e-9;

    static JsonNode expected;
    static JsonNode generator;
    static double[] y;
    static double[] d;
    static double[][] x;
    static int[] fold;
    static int[] id;

    @BeforeAll
    static void read() {
        JsonNode json = SharedReference.json("D1_dml_plr_simulated");
        expected = json.get("expected");
        generator = json.get("spec").get("generator");
        ReferenceCsv t = ReferenceCsv.read("D1_dml_plr_simulated.csv");
        y = t.numbers("y");
        d = t.numbers("d");
        fold = t.integers("fold");
        id = t.integers("id");
        assertEquals(generator.get("n").asInt(), y.length, "n");
        x = new double[generator.get("p").asInt()][];
        for (int j = 0; j < x.length; j++) {
            x[j] = t.numbers("x" + (j + 1));
        }
    }

    static void close(double want, double got, double rel, String what) {
        double scale = Math.max(Math.abs(want), Double.MIN_NORMAL);
        assertTrue(Math.abs(want - got) <= rel * scale, what + ": expected " + want + " got " + got
                + " (rel diff " + Math.abs(want - got) / scale + ")");
    }

    static void statistics(JsonNode e, DmlResult r, double rel, String what) {
        close(e.get("theta").asDouble(), r.theta(), rel, what + " theta");
        close(e.get("se").asDouble(), r.se(), rel, what + " se");
        close(e.get("t").asDouble(), r.t(), rel, what + " t");
        close(e.get("p").asDouble(), r.p(), rel * 100, what + " p");
        close(e.get("ci95_lower").asDouble(), r.ciLow(), rel, what + " ci low");
        close(e.get("ci95_upper").asDouble(), r.ciHigh(), rel, what + " ci high");
        close(e.get("J").asDouble(), r.j(), rel, what + " J");
        close(e.get("mean_psi_sq").asDouble(), r.meanPsiSq(), rel, what + " mean psi^2");
        close(e.get("theta_dml1").asDouble(), r.thetaDml1(), rel, what + " DML1");
        close(e.get("rmse_l").asDouble(), r.rmseL(), rel, what + " rmse l");
        close(e.get("rmse_m").asDouble(), r.rmseM(), rel, what + " rmse m");
    }

    /** Predictions table rows matched to data rows by id; checks the fold column too. */
    static void predictions(DmlResult r, String lColumn, String mColumn, double rel, double abs) {
        ReferenceCsv p = ReferenceCsv.read("D1_dml_plr_simulated.expected_predictions.csv");
        int[] pid = p.integers("id");
        int[] pfold = p.integers("fold");
        double[] l = p.numbers(lColumn);
        double[] m = p.numbers(mColumn);
        assertEquals(y.length, p.rows());
        java.util.Map<Integer, Integer> row = new java.util.HashMap<>();
        for (int i = 0; i < id.length; i++) {
            row.put(id[i], i);
        }
        for (int k = 0; k < pid.length; k++) {
            int i = row.get(pid[k]);
            assertEquals(fold[i], pfold[k], "fold of id " + pid[k]);
            double tl = Math.max(abs, rel * Math.abs(l[k]));
            double tm = Math.max(abs, rel * Math.abs(m[k]));
            assertEquals(l[k], r.lHat()[i], tl, lColumn + " id " + pid[k]);
            assertEquals(m[k], r.mHat()[i], tm, mColumn + " id " + pid[k]);
        }
    }

    @Test
    void olsLearnersAreExact() {
        DmlResult r = PartiallyLinearDml.fit(y, d, x, fold, new OlsLearner(), new OlsLearner(), 0.95);
        int folds = (int) java.util.stream.StreamSupport.stream(
                expected.get("ii_lasso").get("n_nonzero_coefficients_by_fold").spliterator(), false)
                .mapToInt(n -> n.get("fold").asInt()).distinct().count();
        assertEquals(folds, r.folds().count());
        for (int k = 0; k < folds; k++) {
            // the generator draws sample(rep(1:K, each = n/K))
            assertEquals(generator.get("n").asInt() / folds, r.folds().rows()[k].length);
        }
        statistics(expected.get("i_ols"), r, REL, "ols");
        // predictions O(1): relative 1e-8, absolute floor 1e-12 for values near zero
        predictions(r, "lhat_ols", "mhat_ols", REL, 1e-12);
    }

    /** The case's contrast: plain OLS of y on d and x (no cross-fitting), iid SE; the DML estimate differs from it. */
    @Test
    void olsOfYOnDAndXIsNotDml() {
        double[][] regressors = new double[x.length + 1][];
        String[] names = new String[x.length + 1];
        regressors[0] = d;
        names[0] = "d";
        for (int j = 0; j < x.length; j++) {
            regressors[j + 1] = x[j];
            names[j + 1] = "x" + (j + 1);
        }
        io.panelflow.estimation.engine.Estimate e = io.panelflow.estimation.engine.FixedEffectsRegression.fit(
                io.panelflow.estimation.engine.Design.ols(y, "y", regressors, names, new int[0][], new String[0]),
                io.panelflow.estimation.engine.VcovRequest.iid(), io.panelflow.estimation.engine.EstimationOptions.DEFAULT);
        JsonNode ols = expected.get("ols_y_on_d_and_x_not_dml");
        close(ols.get("theta").asDouble(), e.coefficients()[e.indexOf("d")], REL, "OLS theta");
        close(ols.get("se_iid").asDouble(), e.stdErrors()[e.indexOf("d")], REL, "OLS iid se");
        DmlResult dml = PartiallyLinearDml.fit(y, d, x, fold, new OlsLearner(), new OlsLearner(), 0.95);
        assertTrue(Math.abs(dml.theta() - ols.get("theta").asDouble()) > 1e-4, "DML is not the OLS estimate");
    }

    @Test
    void lassoMatchesGlmnetFoldByFold() {
        LassoLearner lasso = new LassoLearner(expected.get("ii_lasso").get("lambda").asDouble());
        DmlResult r = PartiallyLinearDml.fit(y, d, x, fold, lasso, lasso, 0.95);
        statistics(expected.get("ii_lasso"), r, REL, "lasso");
        predictions(r, "lhat_lasso", "mhat_lasso", 0, LASSO_ABS);

        ReferenceCsv c = ReferenceCsv.read("D1_dml_plr_simulated.expected_lasso_coefficients.csv");
        int[] cf = c.integers("fold");
        String[] nuisance = c.text("nuisance");
        int fits = expected.get("ii_lasso").get("n_nonzero_coefficients_by_fold").size();
        assertEquals(fits, c.rows());
        double[] intercept = c.numbers("intercept");
        double[][] b = new double[x.length][];
        for (int j = 0; j < x.length; j++) {
            b[j] = c.numbers("x" + (j + 1));
        }
        int checked = 0;
        for (int row = 0; row < c.rows(); row++) {
            int k = java.util.Arrays.binarySearch(r.folds().labels(), cf[row]);
            assertTrue(nuisance[row].equals("l") || nuisance[row].equals("m"), nuisance[row]);
            boolean isL = nuisance[row].equals("l");
            LinearFit fit = (LinearFit) (isL ? r.lFits()[k] : r.mFits()[k]);
            String what = "fold " + cf[row] + (isL ? " l" : " m");
            assertEquals(intercept[row], fit.intercept(), LASSO_ABS, what + " intercept");
            for (int j = 0; j < x.length; j++) {
                assertEquals(b[j][row] == 0.0, fit.coefficients()[j] == 0.0, what + " zero pattern x" + (j + 1));
                assertEquals(b[j][row], fit.coefficients()[j], LASSO_ABS, what + " x" + (j + 1));
            }
            checked++;
        }
        assertEquals(fits, checked);
        for (JsonNode nz : expected.get("ii_lasso").get("n_nonzero_coefficients_by_fold")) {
            int k = java.util.Arrays.binarySearch(r.folds().labels(), nz.get("fold").asInt());
            LinearFit fit = (LinearFit) ("l".equals(nz.get("nuisance").asText()) ? r.lFits()[k] : r.mFits()[k]);
            assertEquals(nz.get("nonzero").asInt(), fit.nonZero(), "nonzero " + nz);
        }
    }
}
