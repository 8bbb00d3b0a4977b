INSERT INTO TABLE `${model_databse}`.site_dim SELECT * FROM ${model_database}.site_dim_seed;
INSERT INTO ${model_database}.SITE_DIM SELECT * FROM ${model_database}.site_dim_seed;
