CREATE TABLE orders (id BIGINT PRIMARY KEY, net INT NOT NULL);
INSERT INTO orders SELECT g, g % 100 FROM generate_series(1, 40000) g;
