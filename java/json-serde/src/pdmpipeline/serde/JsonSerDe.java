package pdmpipeline.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.common.type.HiveChar;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.common.type.HiveVarchar;
import org.apache.hadoop.hive.serde.serdeConstants;
import org.apache.hadoop.hive.serde2.AbstractSerDe;
import org.apache.hadoop.hive.serde2.SerDeException;
import org.apache.hadoop.hive.serde2.SerDeStats;
import org.apache.hadoop.hive.serde2.objectinspector.ListObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.MapObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.PrimitiveObjectInspector;
import org.apache.hadoop.hive.serde2.objectinspector.StructField;
import org.apache.hadoop.hive.serde2.objectinspector.StructObjectInspector;
import org.apache.hadoop.hive.serde2.typeinfo.CharTypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.ListTypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.MapTypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.PrimitiveTypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.StructTypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfo;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoFactory;
import org.apache.hadoop.hive.serde2.typeinfo.TypeInfoUtils;
import org.apache.hadoop.hive.serde2.typeinfo.VarcharTypeInfo;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/**
 * A JSON-lines SerDe for local runs on Spark, standing in for org.openx.data.jsonserde.JsonSerDe, which the
 * pyspark wheel does not ship. One JSON object per line; keys match columns case-insensitively (as openx does);
 * a value that does not fit its column's type becomes NULL (Hive's behaviour for bad casts). A malformed line is
 * an error unless the table sets 'ignore.malformed.json'='true', then it reads as a row of NULLs.
 */
public final class JsonSerDe extends AbstractSerDe {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StructTypeInfo rowType;
    private ObjectInspector rowInspector;
    private boolean ignoreMalformed;

    @Override
    public void initialize(Configuration conf, Properties table) throws SerDeException {
        String names = table.getProperty(serdeConstants.LIST_COLUMNS, "");
        String types = table.getProperty(serdeConstants.LIST_COLUMN_TYPES, "");
        String delimiter = table.getProperty(serdeConstants.COLUMN_NAME_DELIMITER, ",");
        List<String> columns = names.isEmpty()
            ? Collections.<String>emptyList()
            : Arrays.asList(names.split(java.util.regex.Pattern.quote(delimiter)));
        List<TypeInfo> columnTypes = types.isEmpty()
            ? Collections.<TypeInfo>emptyList()
            : TypeInfoUtils.getTypeInfosFromTypeString(types);
        if (columns.size() != columnTypes.size()) {
            throw new SerDeException("JsonSerDe: " + columns.size() + " column names but " + columnTypes.size() + " types");
        }
        rowType = (StructTypeInfo) TypeInfoFactory.getStructTypeInfo(columns, columnTypes);
        rowInspector = TypeInfoUtils.getStandardJavaObjectInspectorFromTypeInfo(rowType);
        ignoreMalformed = Boolean.parseBoolean(table.getProperty("ignore.malformed.json", "false"));
    }

    @Override
    public ObjectInspector getObjectInspector() {
        return rowInspector;
    }

    @Override
    public Object deserialize(Writable blob) throws SerDeException {
        String line = blob.toString();
        JsonNode node;
        try {
            node = line.trim().isEmpty() ? null : MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            if (ignoreMalformed) {
                node = null;
            } else {
                throw new SerDeException("JsonSerDe: malformed JSON line: " + abbreviate(line), e);
            }
        }
        if (node != null && !node.isObject() && !ignoreMalformed) {
            throw new SerDeException("JsonSerDe: line is not a JSON object: " + abbreviate(line));
        }
        return struct(node, rowType);
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }

    private static Object convert(JsonNode node, TypeInfo type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        switch (type.getCategory()) {
            case PRIMITIVE:
                return primitive(node, (PrimitiveTypeInfo) type);
            case LIST:
                if (!node.isArray()) {
                    return null;
                }
                TypeInfo element = ((ListTypeInfo) type).getListElementTypeInfo();
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode item : node) {
                    list.add(convert(item, element));
                }
                return list;
            case MAP:
                if (!node.isObject()) {
                    return null;
                }
                MapTypeInfo mapType = (MapTypeInfo) type;
                Map<Object, Object> map = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    Object key = convert(JsonNodeFactory.instance.textNode(entry.getKey()), mapType.getMapKeyTypeInfo());
                    map.put(key, convert(entry.getValue(), mapType.getMapValueTypeInfo()));
                }
                return map;
            case STRUCT:
                return node.isObject() ? struct(node, (StructTypeInfo) type) : null;
            default:
                return null;
        }
    }

    private static List<Object> struct(JsonNode node, StructTypeInfo type) {
        List<String> names = type.getAllStructFieldNames();
        List<TypeInfo> types = type.getAllStructFieldTypeInfos();
        Map<String, JsonNode> byName = new HashMap<>();
        if (node != null && node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                byName.putIfAbsent(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue());
            }
        }
        List<Object> row = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            row.add(convert(byName.get(names.get(i).toLowerCase(Locale.ROOT)), types.get(i)));
        }
        return row;
    }

    /** Hive's cast semantics: a value that does not parse as the column's type is NULL, never an error. */
    private static Object primitive(JsonNode node, PrimitiveTypeInfo type) {
        String text = node.isValueNode() ? node.asText() : node.toString();
        try {
            switch (type.getPrimitiveCategory()) {
                case STRING:
                    return text;
                case VARCHAR:
                    return new HiveVarchar(text, ((VarcharTypeInfo) type).getLength());
                case CHAR:
                    return new HiveChar(text, ((CharTypeInfo) type).getLength());
                case BOOLEAN:
                    if (node.isBoolean()) {
                        return node.booleanValue();
                    }
                    return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
                case BYTE:
                    return new BigDecimal(text.trim()).byteValueExact();
                case SHORT:
                    return new BigDecimal(text.trim()).shortValueExact();
                case INT:
                    return new BigDecimal(text.trim()).intValueExact();
                case LONG:
                    return new BigDecimal(text.trim()).longValueExact();
                case FLOAT:
                    return Float.parseFloat(text.trim());
                case DOUBLE:
                    return Double.parseDouble(text.trim());
                case DECIMAL:
                    return HiveDecimal.create(new BigDecimal(text.trim()));
                case DATE:
                    return Date.valueOf(text.trim().length() > 10 ? text.trim().substring(0, 10) : text.trim());
                case TIMESTAMP:
                    return Timestamp.valueOf(text.trim().replace('T', ' ').replace("Z", ""));
                default:
                    return null;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public Class<? extends Writable> getSerializedClass() {
        return Text.class;
    }

    @Override
    public Writable serialize(Object row, ObjectInspector inspector) throws SerDeException {
        try {
            return new Text(MAPPER.writeValueAsString(toJson(row, inspector)));
        } catch (JsonProcessingException e) {
            throw new SerDeException("JsonSerDe: cannot write row", e);
        }
    }

    private static JsonNode toJson(Object value, ObjectInspector inspector) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        switch (inspector.getCategory()) {
            case STRUCT: {
                StructObjectInspector soi = (StructObjectInspector) inspector;
                ObjectNode object = f.objectNode();
                for (StructField field : soi.getAllStructFieldRefs()) {
                    object.set(field.getFieldName(), toJson(soi.getStructFieldData(value, field), field.getFieldObjectInspector()));
                }
                return object;
            }
            case LIST: {
                ListObjectInspector loi = (ListObjectInspector) inspector;
                ArrayNode array = f.arrayNode();
                for (Object item : loi.getList(value)) {
                    array.add(toJson(item, loi.getListElementObjectInspector()));
                }
                return array;
            }
            case MAP: {
                MapObjectInspector moi = (MapObjectInspector) inspector;
                ObjectNode object = f.objectNode();
                for (Map.Entry<?, ?> entry : moi.getMap(value).entrySet()) {
                    Object key = ((PrimitiveObjectInspector) moi.getMapKeyObjectInspector()).getPrimitiveJavaObject(entry.getKey());
                    object.set(String.valueOf(key), toJson(entry.getValue(), moi.getMapValueObjectInspector()));
                }
                return object;
            }
            case PRIMITIVE: {
                Object plain = ((PrimitiveObjectInspector) inspector).getPrimitiveJavaObject(value);
                if (plain instanceof Boolean) {
                    return f.booleanNode((Boolean) plain);
                }
                if (plain instanceof Number && !(plain instanceof HiveDecimal)) {
                    return f.numberNode(new BigDecimal(plain.toString()));
                }
                if (plain instanceof HiveDecimal) {
                    return f.numberNode(((HiveDecimal) plain).bigDecimalValue());
                }
                return f.textNode(String.valueOf(plain));
            }
            default:
                return f.textNode(String.valueOf(value));
        }
    }

    @Override
    public SerDeStats getSerDeStats() {
        return null;
    }
}
