package org.sgdlimits.meanfield.dmft;

/** The built-in smooth losses: square ½(r − y)² and logistic log(1 + e^{−y r}) (labels ±1 or any real y). */
public enum StandardLoss implements Loss {
    /** ½ (r − y)². */
    SQUARE {
        @Override
        public double value(double r, double y) {
            double e = r - y;
            return 0.5 * e * e;
        }

        @Override
        public double first(double r, double y) {
            return r - y;
        }

        @Override
        public double second(double r, double y) {
            return 1.0;
        }
    },
    /** log(1 + e^{−y r}), evaluated without overflow. */
    LOGISTIC {
        @Override
        public double value(double r, double y) {
            double z = -y * r;
            return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        }

        @Override
        public double first(double r, double y) {
            return -y * sigmoid(-y * r);
        }

        @Override
        public double second(double r, double y) {
            double p = sigmoid(y * r);
            return y * y * p * (1 - p);
        }
    };

    @Override
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
